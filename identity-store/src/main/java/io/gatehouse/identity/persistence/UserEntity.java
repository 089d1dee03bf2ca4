package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An IAM user. */
@Entity
@Table(name = "iam_user")
public class UserEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "name_lower")
    public String nameLower;
    public String path;
    public String arn;
    @Column(name = "boundary_arn")
    public String boundaryArn;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "password_last_used")
    public Instant passwordLastUsed;

    public static Optional<UserEntity> byName(String accountId, String name) {
        return find("accountId = ?1 and nameLower = ?2", accountId, name.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /** What can keep a user from being deleted, in the order AWS checks. */
    public enum Hold { ACCESS_KEY, LOGIN_PROFILE, MFA_DEVICE, ATTACHED_POLICY, INLINE_POLICY, GROUP_MEMBERSHIP }

    /** The first {@link Hold} the user still has, null when none; one read for all of them. */
    public static Hold firstHold(String userId) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("SELECT"
                + " EXISTS (SELECT 1 FROM iam_access_key WHERE user_id = ?1),"
                + " EXISTS (SELECT 1 FROM iam_login_profile WHERE user_id = ?1),"
                + " EXISTS (SELECT 1 FROM iam_mfa_device WHERE user_id = ?1),"
                + " EXISTS (SELECT 1 FROM iam_attachment WHERE principal_id = ?1),"
                + " EXISTS (SELECT 1 FROM iam_inline_policy WHERE principal_id = ?1),"
                + " EXISTS (SELECT 1 FROM iam_group_member WHERE user_id = ?1)")
                .setParameter(1, userId).getSingleResult();
        for (Hold hold : Hold.values()) {
            Object value = row[hold.ordinal()]; // H2 answers a Boolean, MariaDB a number
            if (value instanceof Boolean b ? b : ((Number) value).intValue() != 0) {
                return hold;
            }
        }
        return null;
    }

    /** A user with its tags (in the order of their lower-cased keys). */
    public record Tagged(UserEntity user, Map<String, String> tags) {}

    /** {@link #byName} with the user's tags, in one read (GetUser's, the most frequent IAM call). */
    public static Optional<Tagged> byNameWithTags(String accountId, String name) {
        List<Object[]> rows = getEntityManager().createQuery("select u, t.key, t.value from UserEntity u"
                + " left join TagEntity t on t.entityId = u.id where u.accountId = ?1 and u.nameLower = ?2"
                + " order by t.keyLower", Object[].class)
                .setParameter(1, accountId).setParameter(2, name.toLowerCase(Locale.ROOT)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                tags.put((String) row[1], (String) row[2]);
            }
        }
        return Optional.of(new Tagged((UserEntity) rows.get(0)[0], tags));
    }
}
