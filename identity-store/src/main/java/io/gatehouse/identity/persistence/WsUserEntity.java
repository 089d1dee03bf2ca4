package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A workforce user (Identity Center), not an IAM user. Emails, addresses and phone numbers are
 * JSON arrays in the Identity Store API's shape; {@code version} is SCIM's ETag.
 */
@Entity
@Table(name = "iam_ws_user")
public class WsUserEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "store_id")
    public String storeId;
    @Column(name = "user_name")
    public String userName;
    @Column(name = "user_name_lower")
    public String userNameLower;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "name_formatted")
    public String nameFormatted;
    @Column(name = "family_name")
    public String familyName;
    @Column(name = "given_name")
    public String givenName;
    @Column(name = "middle_name")
    public String middleName;
    @Column(name = "honorific_prefix")
    public String honorificPrefix;
    @Column(name = "honorific_suffix")
    public String honorificSuffix;
    @Column(name = "nick_name")
    public String nickName;
    @Column(name = "profile_url")
    public String profileUrl;
    @Column(name = "user_type")
    public String userType;
    public String title;
    @Column(name = "preferred_language")
    public String preferredLanguage;
    public String locale;
    public String timezone;
    public String emails;
    public String addresses;
    @Column(name = "phone_numbers")
    public String phoneNumbers;
    /** SCIM's enterprise extension as a JSON object, or null. */
    public String enterprise;
    @Column(name = "email_hash")
    public String emailHash;
    public boolean active;
    @Column(name = "deactivated_at")
    public Instant deactivatedAt;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    public static Optional<WsUserEntity> byId(String storeId, String id) {
        return WsUserEntity.<WsUserEntity>find("storeId = ?1 and id = ?2", storeId, id).firstResultOptional();
    }

    /** The user, its row locked until the transaction ends: concurrent changes queue, none is lost. */
    public static Optional<WsUserEntity> byIdForUpdate(String storeId, String id) {
        return WsUserEntity.<WsUserEntity>find("storeId = ?1 and id = ?2", storeId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<WsUserEntity> byUserName(String storeId, String userNameLower) {
        return WsUserEntity.<WsUserEntity>find("storeId = ?1 and userNameLower = ?2", storeId, userNameLower)
                .firstResultOptional();
    }
}
