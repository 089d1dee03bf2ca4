package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsGroupEntity;
import io.gatehouse.identity.persistence.WsMemberEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SCIM Groups (RFC 7643 section 4.2): displayName, externalId and members (users only). Member
 * changes are applied to the membership rows directly, never by rewriting the whole list, so a
 * PATCH adding one member to a group of thousands costs one row: {@code add members [{value}]},
 * {@code remove members[value eq "id"]} (Entra), {@code remove members} with a value list (Okta),
 * {@code replace members}, and a path-less {@code replace} with {@code {id, displayName}} (Okta).
 */
@ApplicationScoped
class ScimGroups {
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final Map<String, ScimFilter.Attribute> FILTERS = Map.of(
            "displayname", new ScimFilter.Attribute(ScimFilter.Kind.HASH, "displayNameHash"),
            "id", new ScimFilter.Attribute(ScimFilter.Kind.EXACT, "id"),
            "externalid", new ScimFilter.Attribute(ScimFilter.Kind.SUBQUERY, "select e.resourceId from"
                    + " WsExternalIdEntity e where e.resourceType = 'GROUP' and e.issuer = 'SCIM' and e.externalId = :v"),
            "members.value", new ScimFilter.Attribute(ScimFilter.Kind.SUBQUERY,
                    "select m.groupId from WsMemberEntity m where m.userId = :v"),
            "members", new ScimFilter.Attribute(ScimFilter.Kind.SUBQUERY,
                    "select m.groupId from WsMemberEntity m where m.userId = :v"));

    @Inject
    Directory directory;
    @Inject
    ScimUsers users;

    ObjectNode write(WsGroupEntity group, String base, boolean withMembers) {
        ObjectNode out = ScimUsers.MAPPER.createObjectNode();
        out.putArray("schemas").add(SCHEMA);
        out.put("id", group.id);
        WsExternalIdEntity.of(group.id).stream().filter(e -> e.issuer.equals(ScimUsers.ISSUER)).findFirst()
                .ifPresent(e -> out.put("externalId", e.externalId));
        out.put("displayName", group.displayName);
        if (withMembers) {
            ArrayNode members = out.putArray("members");
            List<Object[]> rows = WsMemberEntity.getEntityManager().createQuery("select m.userId, u.userName from"
                    + " WsMemberEntity m, WsUserEntity u where m.groupId = ?1 and u.id = m.userId order by m.userId",
                    Object[].class).setParameter(1, group.id).getResultList();
            for (Object[] row : rows) {
                members.addObject().put("value", (String) row[0]).put("display", (String) row[1])
                        .put("$ref", base + "/Users/" + row[0]).put("type", "User");
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.createdAt.toString());
        meta.put("lastModified", group.updatedAt.toString());
        meta.put("location", base + "/Groups/" + group.id);
        meta.put("version", ScimUsers.etag(group.version));
        return out;
    }

    /** Sets displayName from a representation, returning its externalId. */
    String read(ObjectNode doc, WsGroupEntity group) {
        String name = ScimUsers.text(doc, "displayName");
        if (name == null || name.isBlank()) {
            throw ScimException.badRequest("invalidValue", "displayName is required");
        }
        directory.rename(group, name);
        String externalId = ScimUsers.text(doc, "externalId");
        if (externalId != null) {
            ScimUsers.check(externalId, "externalId", 256);
        }
        return externalId;
    }

    /** The user ids of a members value: a list of {@code {"value": id}} (or one such object). */
    static List<String> memberIds(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode member : value.isArray() ? value : List.of(value)) {
            JsonNode id = member.get(ScimPatch.key(member, "value"));
            if (id == null || !id.isTextual()) {
                throw ScimException.badRequest("invalidValue", "Each member needs a value (a user id)");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    void addMembers(WsGroupEntity group, List<String> userIds) {
        for (String userId : userIds) {
            if (WsUserEntity.byId(group.storeId, userId).isEmpty()) {
                throw ScimException.badRequest("invalidValue", "No user with id " + userId);
            }
            directory.addMember(group, userId);
        }
    }

    void replaceMembers(WsGroupEntity group, List<String> userIds) {
        Set<String> wanted = new HashSet<>(userIds);
        for (WsMemberEntity member : WsMemberEntity.<WsMemberEntity>find("groupId", group.id).list()) {
            if (!wanted.remove(member.userId)) {
                member.delete();
            }
        }
        addMembers(group, List.copyOf(wanted));
    }

    /**
     * Applies a PatchOp to a group; the group's other attributes go through the generic patch on
     * its representation without members.
     */
    void patch(WsGroupEntity group, List<JsonNode> operations, String base) {
        ObjectNode doc = write(group, base, false);
        boolean attributes = false;
        for (JsonNode operation : operations) {
            String op = ScimPatch.op(operation);
            String path = operation.hasNonNull("path") ? operation.get("path").asText() : null;
            JsonNode value = operation.get("value");
            if (path == null && value != null && value.isObject()) {
                ObjectNode rest = value.deepCopy();
                String membersKey = ScimPatch.key(rest, "members");
                if (rest.has(membersKey)) {
                    members(group, op, null, rest.remove(membersKey));
                }
                rest.remove(ScimPatch.key(rest, "id"));
                if (!rest.isEmpty()) {
                    ScimPatch.apply(doc, op, null, rest);
                    attributes = true;
                }
            } else if (path != null && path.trim().toLowerCase(Locale.ROOT).startsWith("members")) {
                members(group, op, path.trim(), value);
            } else {
                ScimPatch.apply(doc, op, path, value);
                attributes = true;
            }
        }
        if (attributes) {
            users.externalId(WsExternalIdEntity.GROUP, group.id, read(doc, group));
        }
    }

    private void members(WsGroupEntity group, String op, String path, JsonNode value) {
        ScimPatch.Path parsed = path == null ? new ScimPatch.Path("members", Map.of(), null) : ScimPatch.parse(path);
        if (!parsed.filter().isEmpty()) {
            String id = parsed.filter().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("value"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow(() -> ScimException.badRequest("invalidFilter",
                            "A members filter selects by value"));
            if (!op.equals("remove")) {
                throw ScimException.badRequest("invalidPath", "A filtered members path can only be removed");
            }
            directory.removeMember(group, id);
            return;
        }
        switch (op) {
            case "add" -> addMembers(group, memberIds(value));
            case "replace" -> replaceMembers(group, memberIds(value));
            default -> {
                if (value == null || value.isNull()) {
                    WsMemberEntity.delete("groupId", group.id);
                } else {
                    memberIds(value).forEach(id -> directory.removeMember(group, id));
                }
            }
        }
    }
}
