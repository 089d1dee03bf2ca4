package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The organization: one per instance, managed by the bootstrap (management) account. */
@Entity
@Table(name = "iam_org")
public class OrgEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "management_account_id")
    public String managementAccountId;
    @Column(name = "created_at")
    public Instant createdAt;
}
