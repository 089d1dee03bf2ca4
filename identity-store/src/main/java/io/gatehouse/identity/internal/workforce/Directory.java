package io.gatehouse.identity.internal.workforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.identity.persistence.PersistenceErrors;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsGroupEntity;
import io.gatehouse.identity.persistence.WsMemberEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The workforce directory's rules, shared by the Identity Store API and SCIM (both work on the
 * same rows): unique userNames and group display names regardless of case, reserved names,
 * unique external ids, memberships, versions (SCIM ETags) and who changed what. Runs inside the
 * caller's transaction; refusals are {@link DirectoryException}s.
 */
@ApplicationScoped
public class Directory {
    /** Names IAM Identity Center keeps for itself, for users and groups. */
    static final Set<String> RESERVED = Set.of("administrator", "awsadministrators");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    Clock clock;

    public WsUserEntity user(String storeId, String userId) {
        return WsUserEntity.byId(storeId, userId).orElseThrow(() -> DirectoryException.notFound("USER",
                "USER not found."));
    }

    public WsGroupEntity group(String storeId, String groupId) {
        return WsGroupEntity.byId(storeId, groupId).orElseThrow(() -> DirectoryException.notFound("GROUP",
                "GROUP not found."));
    }

    /** The user, locked for a change (concurrent changes of one user queue instead of losing one). */
    public WsUserEntity userForUpdate(String storeId, String userId) {
        return WsUserEntity.byIdForUpdate(storeId, userId).orElseThrow(() -> DirectoryException.notFound("USER",
                "USER not found."));
    }

    /** The group, locked for a change. */
    public WsGroupEntity groupForUpdate(String storeId, String groupId) {
        return WsGroupEntity.byIdForUpdate(storeId, groupId).orElseThrow(() -> DirectoryException.notFound("GROUP",
                "GROUP not found."));
    }

    /** A new, active user, not yet saved. */
    public WsUserEntity newUser(String storeId) {
        WsUserEntity user = new WsUserEntity();
        user.id = UUID.randomUUID().toString();
        user.storeId = storeId;
        user.active = true;
        user.version = 0;
        return user;
    }

    /** A new group, not yet saved. */
    public WsGroupEntity newGroup(String storeId) {
        WsGroupEntity group = new WsGroupEntity();
        group.id = UUID.randomUUID().toString();
        group.storeId = storeId;
        group.version = 0;
        return group;
    }

    /** Sets the user's userName, refusing a reserved one or one another user holds. */
    public void rename(WsUserEntity user, String userName) {
        String lower = userName.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
            throw DirectoryException.invalid("The userName " + userName + " is reserved.");
        }
        WsUserEntity holder = WsUserEntity.byUserName(user.storeId, lower).orElse(null);
        if (holder != null && !holder.id.equals(user.id)) {
            throw DirectoryException.conflict("USER", "Duplicate UserName");
        }
        user.userName = userName;
        user.userNameLower = lower;
    }

    /** Sets the group's display name, refusing a reserved one or one another group holds. */
    public void rename(WsGroupEntity group, String displayName) {
        if (RESERVED.contains(displayName.toLowerCase(Locale.ROOT))) {
            throw DirectoryException.invalid("The displayName " + displayName + " is reserved.");
        }
        String hash = Hashes.ofLower(displayName);
        WsGroupEntity holder = WsGroupEntity.byNameHash(group.storeId, hash).orElse(null);
        if (holder != null && !holder.id.equals(group.id)) {
            throw DirectoryException.conflict("GROUP", "Duplicate GroupDisplayName");
        }
        group.displayName = displayName;
        group.displayNameHash = hash;
    }

    /** Saves a new or changed user: bumps its version, stamps who and when, indexes its email. */
    public void save(WsUserEntity user, String actor) {
        Instant now = clock.instant();
        if (user.createdAt == null) {
            user.createdAt = now;
            user.createdBy = actor;
        }
        user.updatedAt = now;
        user.updatedBy = actor;
        user.version++;
        user.emailHash = Hashes.ofLower(primaryEmail(user.emails));
        if (!user.active && user.deactivatedAt == null) {
            user.deactivatedAt = now;
        } else if (user.active) {
            user.deactivatedAt = null;
        }
        persist(() -> user.persistAndFlush(), "USER");
    }

    /** Saves a new or changed group: bumps its version, stamps who and when. */
    public void save(WsGroupEntity group, String actor) {
        Instant now = clock.instant();
        if (group.createdAt == null) {
            group.createdAt = now;
            group.createdBy = actor;
        }
        group.updatedAt = now;
        group.updatedBy = actor;
        group.version++;
        persist(() -> group.persistAndFlush(), "GROUP");
    }

    /** A concurrent request that took the same name first: refused as a conflict, not a failure. */
    private static void persist(Runnable write, String type) {
        try {
            write.run();
        } catch (PersistenceException e) {
            if (PersistenceErrors.translate(e).isPresent()) {
                throw DirectoryException.conflict(type, "A concurrent request changed or claimed the same name.");
            }
            throw e;
        }
    }

    /** Deletes the user with its memberships and external ids: it loses all access at once. */
    public void delete(WsUserEntity user) {
        WsMemberEntity.delete("userId", user.id);
        WsExternalIdEntity.deleteOf(user.id);
        user.delete();
    }

    public void delete(WsGroupEntity group) {
        WsMemberEntity.delete("groupId", group.id);
        WsExternalIdEntity.deleteOf(group.id);
        group.delete();
    }

    /** An external id (issuer and id) as ExternalIds carry it. */
    public record ExternalId(String issuer, String id) {}

    /** Replaces the resource's external ids, refusing one that another resource of the type holds. */
    public void replaceExternalIds(String type, String resourceId, List<ExternalId> ids) {
        List<WsExternalIdEntity> held = WsExternalIdEntity.of(resourceId);
        if (held.stream().map(e -> new ExternalId(e.issuer, e.externalId)).toList().equals(ids)) {
            return;
        }
        held.forEach(WsExternalIdEntity::delete);
        WsExternalIdEntity.getEntityManager().flush();
        for (ExternalId id : ids) {
            if (WsExternalIdEntity.findById(key(type, id)) != null) {
                throw DirectoryException.conflict(type, "Duplicate ExternalId");
            }
            WsExternalIdEntity entity = new WsExternalIdEntity();
            entity.resourceType = type;
            entity.issuer = id.issuer();
            entity.externalId = id.id();
            entity.resourceId = resourceId;
            persist(entity::persistAndFlush, type);
        }
    }

    /** The resource holding this external id, or null. */
    public String byExternalId(String type, ExternalId id) {
        WsExternalIdEntity held = WsExternalIdEntity.findById(key(type, id));
        return held == null ? null : held.resourceId;
    }

    private static WsExternalIdEntity.Key key(String type, ExternalId id) {
        WsExternalIdEntity.Key key = new WsExternalIdEntity.Key();
        key.resourceType = type;
        key.issuer = id.issuer();
        key.externalId = id.id();
        return key;
    }

    /**
     * Makes the user a member of the group.
     *
     * @return the new membership, or null when it existed already
     */
    public WsMemberEntity addMember(WsGroupEntity group, String userId) {
        user(group.storeId, userId);
        if (WsMemberEntity.of(group.id, userId).isPresent()) {
            return null;
        }
        WsMemberEntity member = new WsMemberEntity();
        member.id = UUID.randomUUID().toString();
        member.storeId = group.storeId;
        member.groupId = group.id;
        member.userId = userId;
        member.createdAt = clock.instant();
        persist(member::persistAndFlush, "GROUP_MEMBERSHIP");
        return member;
    }

    /** Ends the user's membership in the group; false when there was none. */
    public boolean removeMember(WsGroupEntity group, String userId) {
        return WsMemberEntity.delete("groupId = ?1 and userId = ?2", group.id, userId) > 0;
    }

    /** The primary, else the first, email's value in an emails JSON array (AWS shape), or null. */
    static String primaryEmail(String emailsJson) {
        if (emailsJson == null) {
            return null;
        }
        try {
            JsonNode emails = MAPPER.readTree(emailsJson);
            String first = null;
            for (JsonNode email : emails) {
                String value = email.path("Value").asText(null);
                if (email.path("Primary").asBoolean(false) && value != null) {
                    return value;
                }
                first = first == null ? value : first;
            }
            return first;
        } catch (IOException e) {
            return null;
        }
    }
}
