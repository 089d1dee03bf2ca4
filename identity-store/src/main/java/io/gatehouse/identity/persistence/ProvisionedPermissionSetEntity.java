package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A permission set provisioned to an account: its role there and the version the role carries. */
@Entity
@Table(name = "iam_sso_provisioned")
@IdClass(ProvisionedPermissionSetEntity.Key.class)
public class ProvisionedPermissionSetEntity extends PanacheEntityBase {
    @Id
    @Column(name = "permission_set_id")
    public String permissionSetId;
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "role_name")
    public String roleName;
    @Column(name = "role_arn")
    public String roleArn;
    public long version;
    @Column(name = "provisioned_at")
    public Instant provisionedAt;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String permissionSetId;
        public String accountId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(permissionSetId, k.permissionSetId)
                    && Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(permissionSetId, accountId);
        }
    }
}
