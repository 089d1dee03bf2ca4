package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsMemberEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * SCIM Users (RFC 7643 section 4.1) on the workforce directory: the core User schema's
 * attributes mapped to the directory's columns, {@code externalId} kept as the external id of
 * issuer {@code SCIM}, {@code groups} read-only, {@code meta.version} the row's version.
 */
@ApplicationScoped
class ScimUsers {
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final List<String> ENTERPRISE_TEXTS = List.of("employeeNumber", "costCenter", "organization", "division",
            "department");
    static final String ISSUER = "SCIM";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Map<String, ScimFilter.Attribute> FILTERS = Map.ofEntries(
            Map.entry("username", new ScimFilter.Attribute(ScimFilter.Kind.LOWER, "userNameLower")),
            Map.entry("id", new ScimFilter.Attribute(ScimFilter.Kind.EXACT, "id")),
            Map.entry("externalid", new ScimFilter.Attribute(ScimFilter.Kind.SUBQUERY, "select e.resourceId from"
                    + " WsExternalIdEntity e where e.resourceType = 'USER' and e.issuer = 'SCIM' and e.externalId = :v")),
            Map.entry("emails.value", new ScimFilter.Attribute(ScimFilter.Kind.HASH, "emailHash")),
            Map.entry("emails", new ScimFilter.Attribute(ScimFilter.Kind.HASH, "emailHash")),
            Map.entry("displayname", new ScimFilter.Attribute(ScimFilter.Kind.TEXT, "displayName")),
            Map.entry("name.givenname", new ScimFilter.Attribute(ScimFilter.Kind.TEXT, "givenName")),
            Map.entry("name.familyname", new ScimFilter.Attribute(ScimFilter.Kind.TEXT, "familyName")),
            Map.entry("title", new ScimFilter.Attribute(ScimFilter.Kind.TEXT, "title")),
            Map.entry("usertype", new ScimFilter.Attribute(ScimFilter.Kind.TEXT, "userType")),
            Map.entry("active", new ScimFilter.Attribute(ScimFilter.Kind.BOOLEAN, "active")));

    private record Field(String wire, Function<WsUserEntity, String> get, BiConsumer<WsUserEntity, String> set) {}

    private static final List<Field> TOP = List.of(
            new Field("displayName", u -> u.displayName, (u, v) -> u.displayName = v),
            new Field("nickName", u -> u.nickName, (u, v) -> u.nickName = v),
            new Field("profileUrl", u -> u.profileUrl, (u, v) -> u.profileUrl = v),
            new Field("userType", u -> u.userType, (u, v) -> u.userType = v),
            new Field("title", u -> u.title, (u, v) -> u.title = v),
            new Field("preferredLanguage", u -> u.preferredLanguage, (u, v) -> u.preferredLanguage = v),
            new Field("locale", u -> u.locale, (u, v) -> u.locale = v),
            new Field("timezone", u -> u.timezone, (u, v) -> u.timezone = v));
    private static final List<Field> NAME = List.of(
            new Field("formatted", u -> u.nameFormatted, (u, v) -> u.nameFormatted = v),
            new Field("familyName", u -> u.familyName, (u, v) -> u.familyName = v),
            new Field("givenName", u -> u.givenName, (u, v) -> u.givenName = v),
            new Field("middleName", u -> u.middleName, (u, v) -> u.middleName = v),
            new Field("honorificPrefix", u -> u.honorificPrefix, (u, v) -> u.honorificPrefix = v),
            new Field("honorificSuffix", u -> u.honorificSuffix, (u, v) -> u.honorificSuffix = v));
    private static final Map<String, List<String>> MULTI = Map.of(
            "emails", List.of("value", "type", "display"),
            "phoneNumbers", List.of("value", "type", "display"),
            "addresses", List.of("streetAddress", "locality", "region", "postalCode", "country", "formatted", "type"));

    @Inject
    Directory directory;

    /** The User resource. */
    ObjectNode write(WsUserEntity user, String base) {
        return writeAll(List.of(user), base).get(0);
    }

    /** The User resources of a page, with their externalIds and groups read in one query each. */
    List<ObjectNode> writeAll(List<WsUserEntity> page, String base) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<String> ids = page.stream().map(u -> u.id).toList();
        Map<String, String> externalIds = new HashMap<>();
        WsExternalIdEntity.<WsExternalIdEntity>find("resourceId in ?1 and issuer = ?2", ids, ISSUER).stream()
                .forEach(e -> externalIds.putIfAbsent(e.resourceId, e.externalId));
        Map<String, List<Object[]>> groups = new HashMap<>();
        WsMemberEntity.getEntityManager().createQuery("select m.userId, m.groupId, g.displayName from"
                + " WsMemberEntity m, WsGroupEntity g where m.userId in ?1 and g.id = m.groupId order by m.groupId",
                Object[].class).setParameter(1, ids).getResultList()
                .forEach(row -> groups.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(row));
        List<ObjectNode> out = new ArrayList<>();
        for (WsUserEntity user : page) {
            out.add(write(user, base, externalIds.get(user.id), groups.getOrDefault(user.id, List.of())));
        }
        return out;
    }

    private ObjectNode write(WsUserEntity user, String base, String externalId, List<Object[]> memberships) {
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode schemas = out.putArray("schemas").add(SCHEMA);
        out.put("id", user.id);
        if (user.enterprise != null) {
            schemas.add(ENTERPRISE);
            try {
                out.set(ENTERPRISE, MAPPER.readTree(user.enterprise));
            } catch (IOException e) {
                throw new IllegalStateException("stored enterprise extension is not JSON", e);
            }
        }
        if (externalId != null) {
            out.put("externalId", externalId);
        }
        out.put("userName", user.userName);
        ObjectNode name = MAPPER.createObjectNode();
        NAME.forEach(f -> putIfPresent(name, f.wire(), f.get().apply(user)));
        if (!name.isEmpty()) {
            out.set("name", name);
        }
        TOP.forEach(f -> putIfPresent(out, f.wire(), f.get().apply(user)));
        out.put("active", user.active);
        putMulti(out, "emails", user.emails);
        putMulti(out, "phoneNumbers", user.phoneNumbers);
        putMulti(out, "addresses", user.addresses);
        if (!memberships.isEmpty()) {
            ArrayNode groups = out.putArray("groups");
            for (Object[] row : memberships) {
                groups.addObject().put("value", (String) row[1]).put("$ref", base + "/Groups/" + row[1])
                        .put("display", (String) row[2]).put("type", "direct");
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.createdAt.toString());
        meta.put("lastModified", user.updatedAt.toString());
        meta.put("location", base + "/Users/" + user.id);
        meta.put("version", etag(user.version));
        return out;
    }

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Sets every attribute of {@code user} from the representation {@code doc} (replace semantics:
     * what is absent is cleared), returning the externalId (null when absent).
     */
    String read(ObjectNode doc, WsUserEntity user) {
        JsonNode userName = doc.get(ScimPatch.key(doc, "userName"));
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimException.badRequest("invalidValue", "userName is required");
        }
        check(userName.asText(), "userName", 128);
        directory.rename(user, userName.asText());
        for (Field field : TOP) {
            field.set().accept(user, text(doc, field.wire()));
        }
        JsonNode name = doc.get(ScimPatch.key(doc, "name"));
        for (Field field : NAME) {
            field.set().accept(user, name != null && name.isObject() ? text(name, field.wire()) : null);
        }
        Boolean active = ScimPatch.bool(doc.get(ScimPatch.key(doc, "active")));
        user.active = active == null || active;
        user.emails = multi(doc, "emails");
        user.phoneNumbers = multi(doc, "phoneNumbers");
        user.addresses = multi(doc, "addresses");
        user.enterprise = enterprise(doc.get(ScimPatch.key(doc, ENTERPRISE)));
        String externalId = text(doc, "externalId");
        if (externalId != null) {
            check(externalId, "externalId", 256);
        }
        return externalId;
    }

    /** The enterprise extension's attributes kept: its texts and manager (an id, or {value}). */
    private static String enterprise(JsonNode extension) {
        if (extension == null || extension.isNull()) {
            return null;
        }
        if (!extension.isObject()) {
            throw ScimException.badRequest("invalidValue", ENTERPRISE + " must be an object");
        }
        ObjectNode kept = MAPPER.createObjectNode();
        for (String name : ENTERPRISE_TEXTS) {
            String value = text(extension, name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        JsonNode manager = extension.get(ScimPatch.key(extension, "manager"));
        if (manager != null && !manager.isNull()) {
            String id = manager.isObject() ? text(manager, "value") : manager.isValueNode() ? manager.asText() : null;
            if (id != null && !id.isEmpty()) {
                check(id, "manager", 1024);
                kept.putObject("manager").put("value", id);
            }
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    /** Sets the SCIM externalId of a user (or group), replacing the one it had. */
    void externalId(String type, String resourceId, String externalId) {
        List<Directory.ExternalId> others = WsExternalIdEntity.of(resourceId).stream()
                .filter(e -> !e.issuer.equals(ISSUER)).map(e -> new Directory.ExternalId(e.issuer, e.externalId))
                .toList();
        List<Directory.ExternalId> all = new java.util.ArrayList<>(others);
        if (externalId != null) {
            all.add(new Directory.ExternalId(ISSUER, externalId));
        }
        directory.replaceExternalIds(type, resourceId, all);
    }

    static String text(JsonNode node, String name) {
        JsonNode value = node.get(ScimPatch.key(node, name));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ScimException.badRequest("invalidValue", name + " must be a string");
        }
        String text = value.asText();
        if (text.isEmpty()) {
            return null;
        }
        check(text, name, 1024);
        return text;
    }

    static void check(String text, String name, int max) {
        if (text.length() > max) {
            throw ScimException.badRequest("invalidValue", name + " is longer than " + max + " characters");
        }
    }

    /** A multi-valued attribute in SCIM's shape, stored in the Identity Store API's shape. */
    private static String multi(ObjectNode doc, String name) {
        JsonNode items = doc.get(ScimPatch.key(doc, name));
        if (items == null || items.isNull() || (items.isArray() && items.isEmpty())) {
            return null;
        }
        if (!items.isArray()) {
            throw ScimException.badRequest("invalidValue", name + " must be a list");
        }
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw ScimException.badRequest("invalidValue", name + " members must be objects");
            }
            ObjectNode stored = MAPPER.createObjectNode();
            for (String member : MULTI.get(name)) {
                String value = text(item, member);
                if (value != null && !member.equals("display")) {
                    stored.put(Character.toUpperCase(member.charAt(0)) + member.substring(1), value);
                }
            }
            Boolean primary = ScimPatch.bool(item.get(ScimPatch.key(item, "primary")));
            if (primary != null) {
                stored.put("Primary", primary);
            }
            if (!stored.isEmpty()) {
                out.add(stored);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static void putMulti(ObjectNode out, String name, String json) {
        if (json == null) {
            return;
        }
        try {
            ArrayNode items = out.putArray(name);
            for (JsonNode stored : MAPPER.readTree(json)) {
                ObjectNode item = items.addObject();
                stored.fields().forEachRemaining(f -> item.set(Character.toLowerCase(f.getKey().charAt(0))
                        + f.getKey().substring(1), f.getValue()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored " + name + " is not JSON", e);
        }
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
