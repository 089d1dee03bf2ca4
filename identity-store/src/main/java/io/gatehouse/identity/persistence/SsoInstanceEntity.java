package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The IAM Identity Center instance ({@code ssoins-<16 hex>}) over the identity store. */
@Entity
@Table(name = "iam_sso_instance")
public class SsoInstanceEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "store_id")
    public String storeId;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}
