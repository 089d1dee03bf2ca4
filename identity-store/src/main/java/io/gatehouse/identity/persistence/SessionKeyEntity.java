package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A session-token key of the shared key ring, sealed under the master key. */
@Entity
@Table(name = "iam_session_key")
public class SessionKeyEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "secret_sealed")
    public String secretSealed;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
}
