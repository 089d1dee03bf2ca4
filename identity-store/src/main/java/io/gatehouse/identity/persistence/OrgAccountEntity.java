package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's place in the organization: its parent (root or OU) and how it joined. */
@Entity
@Table(name = "iam_org_account")
public class OrgAccountEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "parent_id")
    public String parentId;
    /** CREATED or INVITED (the management account). */
    @Column(name = "joined_method")
    public String joinedMethod;
    @Column(name = "joined_at")
    public Instant joinedAt;
}
