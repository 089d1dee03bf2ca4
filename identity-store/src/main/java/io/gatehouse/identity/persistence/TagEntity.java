package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A tag on a user, role or policy (keys are unique regardless of case, as in IAM). */
@Entity
@Table(name = "iam_tag")
@IdClass(TagEntity.Key.class)
public class TagEntity extends PanacheEntityBase {
    @Id
    @Column(name = "entity_id")
    public String entityId;
    @Id
    @Column(name = "tag_key_lower")
    public String keyLower;
    @Column(name = "tag_key")
    public String key;
    @Column(name = "tag_value")
    public String value;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String entityId;
        public String keyLower;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(entityId, k.entityId) && Objects.equals(keyLower, k.keyLower);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entityId, keyLower);
        }
    }
}
