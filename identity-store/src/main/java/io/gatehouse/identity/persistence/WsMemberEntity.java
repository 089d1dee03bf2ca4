package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A workforce user's membership in a workforce group, with its own id (MembershipId). */
@Entity
@Table(name = "iam_ws_member")
public class WsMemberEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "store_id")
    public String storeId;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<WsMemberEntity> of(String groupId, String userId) {
        return WsMemberEntity.<WsMemberEntity>find("groupId = ?1 and userId = ?2", groupId, userId)
                .firstResultOptional();
    }
}
