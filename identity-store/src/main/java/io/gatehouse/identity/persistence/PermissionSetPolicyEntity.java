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

/**
 * A policy of a permission set: an AWS managed policy ({@code kind} AWS, its path and name) or a
 * customer managed policy reference ({@code kind} CUSTOMER, resolved in each account).
 */
@Entity
@Table(name = "iam_sso_ps_policy")
@IdClass(PermissionSetPolicyEntity.Key.class)
public class PermissionSetPolicyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "permission_set_id")
    public String permissionSetId;
    @Id
    public String kind;
    @Id
    public String name;
    @Id
    public String path;
    @Column(name = "attached_at")
    public Instant attachedAt;

    /** The ARN of an AWS managed policy. */
    public String awsArn() {
        return "arn:aws:iam::aws:policy" + path + name;
    }

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String permissionSetId;
        public String kind;
        public String name;
        public String path;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(permissionSetId, k.permissionSetId)
                    && Objects.equals(kind, k.kind) && Objects.equals(name, k.name) && Objects.equals(path, k.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(permissionSetId, kind, name, path);
        }
    }
}
