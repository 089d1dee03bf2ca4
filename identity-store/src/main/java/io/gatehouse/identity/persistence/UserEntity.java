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

    /**
     * Whether the user has each {@link Hold}, in the order of the enum: select expressions for a
     * query on {@code UserEntity u}, so that the check costs no read of its own.
     */
    private static final String HOLDS = ""
            + ", case when exists (select 1 from AccessKeyEntity k where k.userId = u.id) then 1 else 0 end"
            + ", case when exists (select 1 from LoginProfileEntity l where l.userId = u.id) then 1 else 0 end"
            + ", case when exists (select 1 from MfaDeviceEntity m where m.userId = u.id) then 1 else 0 end"
            + ", case when exists (select 1 from AttachmentEntity a where a.principalId = u.id) then 1 else 0 end"
            + ", case when exists (select 1 from InlinePolicyEntity p where p.principalId = u.id) then 1 else 0 end"
            + ", case when exists (select 1 from GroupMemberEntity g where g.userId = u.id) then 1 else 0 end";
    /** Where {@link #HOLDS} start in a {@link #withTags} row: after the user, a tag's key and value. */
    private static final int FIRST_HOLD = 3;

    /** A user with its tags (in the order of their lower-cased keys). */
    public record Tagged(UserEntity user, Map<String, String> tags) {}

    /** {@link #byName} with the user's tags, in one read (GetUser's, the most frequent IAM call). */
    public static Optional<Tagged> byNameWithTags(String accountId, String name) {
        List<Object[]> rows = withTags(accountId, name, "");
        return rows.isEmpty() ? Optional.empty() : Optional.of(tagged(rows));
    }

    /** A user about to be deleted: with its tags, and the first {@link Hold} it still has (null when none). */
    public record Deletable(Tagged tagged, Hold hold) {}

    /**
     * {@link #byNameWithTags} and the user's first {@link Hold}, in one read (DeleteUser's): the
     * holds were a read of their own, one of the six statements of a DeleteUser.
     */
    public static Optional<Deletable> forDeletion(String accountId, String name) {
        List<Object[]> rows = withTags(accountId, name, HOLDS);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        Hold hold = null;
        for (Hold candidate : Hold.values()) {
            if (((Number) first[FIRST_HOLD + candidate.ordinal()]).intValue() != 0) {
                hold = candidate;
                break;
            }
        }
        return Optional.of(new Deletable(tagged(rows), hold));
    }

    /** The user's rows, one per tag (at least one): the user, a tag's key and value, then {@code more}. */
    private static List<Object[]> withTags(String accountId, String name, String more) {
        return getEntityManager().createQuery("select u, t.key, t.value" + more + " from UserEntity u"
                + " left join TagEntity t on t.entityId = u.id where u.accountId = ?1 and u.nameLower = ?2"
                + " order by t.keyLower", Object[].class)
                .setParameter(1, accountId).setParameter(2, name.toLowerCase(Locale.ROOT)).getResultList();
    }

    private static Tagged tagged(List<Object[]> rows) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                tags.put((String) row[1], (String) row[2]);
            }
        }
        return new Tagged((UserEntity) rows.get(0)[0], tags);
    }
}
