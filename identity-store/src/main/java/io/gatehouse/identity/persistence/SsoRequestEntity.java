package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The status of a CreateAccountAssignment ({@code kind} CREATE), DeleteAccountAssignment (DELETE)
 * or ProvisionPermissionSet (PROVISION) request.
 */
@Entity
@Table(name = "iam_sso_request")
public class SsoRequestEntity extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "instance_id")
    public String instanceId;
    public String kind;
    public String status;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "permission_set_id")
    public String permissionSetId;
    @Column(name = "principal_type")
    public String principalType;
    @Column(name = "principal_id")
    public String principalId;
    @Column(name = "created_at")
    public Instant createdAt;
}
