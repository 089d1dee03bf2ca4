package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A CreateAccount request and its outcome (SUCCEEDED or FAILED with a reason). */
@Entity
@Table(name = "iam_org_create_status")
public class OrgCreateStatusEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_name")
    public String accountName;
    public String state;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
