package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A policy of the organization (service control policies; FullAWSAccess is AWS managed). */
@Entity
@Table(name = "iam_org_policy")
public class OrgPolicyEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String description;
    @Column(name = "policy_type")
    public String type;
    @Column(name = "aws_managed")
    public boolean awsManaged;
    public String content;
    @Column(name = "created_at")
    public Instant createdAt;
}
