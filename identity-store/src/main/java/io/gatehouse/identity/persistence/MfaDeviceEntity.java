package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A virtual MFA device; its TOTP seed is sealed under the master key. */
@Entity
@Table(name = "iam_mfa_device")
public class MfaDeviceEntity extends PanacheEntityBase {
    @Id
    @Column(name = "serial_number")
    public String serialNumber;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    public String path;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "seed_sealed")
    public String seedSealed;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "enabled_at")
    public Instant enabledAt;
    /** The TOTP time step of the last accepted code: a code is never accepted twice. */
    @Column(name = "last_used_step")
    public Long lastUsedStep;
}
