package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The organization's root (no parent, depth 0) or an organizational unit (depth 1 to 5). */
@Entity
@Table(name = "iam_org_unit")
public class OrgUnitEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "parent_id")
    public String parentId;
    public String name;
    public int depth;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isRoot() {
        return parentId == null;
    }
}
