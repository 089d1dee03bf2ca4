package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account: the unit of ownership and of policy evaluation. */
@Entity
@Table(name = "iam_account")
public class AccountEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String email;
    /** The email lower-cased, unique among accounts (null for the bootstrap management account). */
    @Column(name = "email_lower")
    public String emailLower;
    public String status;
    public boolean management;
    @Column(name = "policy_epoch")
    public long policyEpoch;
    @Column(name = "created_at")
    public Instant createdAt;
}
