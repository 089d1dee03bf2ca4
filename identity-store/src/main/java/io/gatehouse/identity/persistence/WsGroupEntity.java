package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A workforce group; its display name is unique regardless of case (through its hash). */
@Entity
@Table(name = "iam_ws_group")
public class WsGroupEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "store_id")
    public String storeId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "display_name_hash")
    public String displayNameHash;
    public String description;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    public static Optional<WsGroupEntity> byId(String storeId, String id) {
        return WsGroupEntity.<WsGroupEntity>find("storeId = ?1 and id = ?2", storeId, id).firstResultOptional();
    }

    /** The group, its row locked until the transaction ends: concurrent changes queue, none is lost. */
    public static Optional<WsGroupEntity> byIdForUpdate(String storeId, String id) {
        return WsGroupEntity.<WsGroupEntity>find("storeId = ?1 and id = ?2", storeId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<WsGroupEntity> byNameHash(String storeId, String hash) {
        return WsGroupEntity.<WsGroupEntity>find("storeId = ?1 and displayNameHash = ?2", storeId, hash)
                .firstResultOptional();
    }
}
