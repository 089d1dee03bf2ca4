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

/** A workforce user or group (principalType USER or GROUP) given a permission set in an account. */
@Entity
@Table(name = "iam_sso_assignment")
@IdClass(AccountAssignmentEntity.Key.class)
public class AccountAssignmentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Id
    @Column(name = "permission_set_id")
    public String permissionSetId;
    @Id
    @Column(name = "principal_type")
    public String principalType;
    @Id
    @Column(name = "principal_id")
    public String principalId;
    @Column(name = "created_at")
    public Instant createdAt;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String accountId;
        public String permissionSetId;
        public String principalType;
        public String principalId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId)
                    && Objects.equals(permissionSetId, k.permissionSetId)
                    && Objects.equals(principalType, k.principalType) && Objects.equals(principalId, k.principalId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, permissionSetId, principalType, principalId);
        }
    }
}
