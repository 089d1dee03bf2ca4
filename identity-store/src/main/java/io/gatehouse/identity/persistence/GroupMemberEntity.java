package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A user's membership in a group. */
@Entity
@Table(name = "iam_group_member")
@IdClass(GroupMemberEntity.Key.class)
public class GroupMemberEntity extends PanacheEntityBase {
    @Id
    @Column(name = "group_id")
    public String groupId;
    @Id
    @Column(name = "user_id")
    public String userId;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String groupId;
        public String userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(groupId, k.groupId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, userId);
        }
    }
}
