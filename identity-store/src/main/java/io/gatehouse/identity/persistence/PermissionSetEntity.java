package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A permission set of the instance. {@code version} grows with every change that provisioning
 * carries to the accounts (policies, boundary, session duration).
 */
@Entity
@Table(name = "iam_sso_permission_set")
public class PermissionSetEntity extends PanacheEntityBase {
    public static final String AWS = "AWS";
    public static final String CUSTOMER = "CUSTOMER";

    @Id
    public String id;
    @Column(name = "instance_id")
    public String instanceId;
    public String name;
    @Column(name = "name_lower")
    public String nameLower;
    public String description;
    @Column(name = "session_duration")
    public String sessionDuration;
    @Column(name = "session_seconds")
    public int sessionSeconds;
    @Column(name = "relay_state")
    public String relayState;
    @Column(name = "inline_policy")
    public String inlinePolicy;
    /** {@link #AWS} or {@link #CUSTOMER}, or null without a boundary. */
    @Column(name = "boundary_kind")
    public String boundaryKind;
    @Column(name = "boundary_name")
    public String boundaryName;
    @Column(name = "boundary_path")
    public String boundaryPath;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;

    /** {@code arn:aws:sso:::permissionSet/ssoins-.../ps-...}. */
    public String arn() {
        return "arn:aws:sso:::permissionSet/" + instanceId + "/" + id;
    }
}
