package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The instance's one workforce identity store ({@code d-} + 10 hex), owned by the management account. */
@Entity
@Table(name = "iam_ws_store")
public class WsStoreEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "created_at")
    public Instant createdAt;
}
