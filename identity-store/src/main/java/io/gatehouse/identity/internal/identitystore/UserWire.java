package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A workforce user in the Identity Store API's terms: reading the attributes of CreateUser and
 * UpdateUser (checked as the model says) onto the entity, and writing the User structure.
 */
final class UserWire {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Single-valued string attributes: wire name, getter, setter. */
    private record Field(String wire, Function<WsUserEntity, String> get, BiConsumer<WsUserEntity, String> set) {}

    private static final List<Field> TOP = List.of(
            new Field("DisplayName", u -> u.displayName, (u, v) -> u.displayName = v),
            new Field("NickName", u -> u.nickName, (u, v) -> u.nickName = v),
            new Field("ProfileUrl", u -> u.profileUrl, (u, v) -> u.profileUrl = v),
            new Field("UserType", u -> u.userType, (u, v) -> u.userType = v),
            new Field("Title", u -> u.title, (u, v) -> u.title = v),
            new Field("PreferredLanguage", u -> u.preferredLanguage, (u, v) -> u.preferredLanguage = v),
            new Field("Locale", u -> u.locale, (u, v) -> u.locale = v),
            new Field("Timezone", u -> u.timezone, (u, v) -> u.timezone = v));
    private static final List<Field> NAME = List.of(
            new Field("Formatted", u -> u.nameFormatted, (u, v) -> u.nameFormatted = v),
            new Field("FamilyName", u -> u.familyName, (u, v) -> u.familyName = v),
            new Field("GivenName", u -> u.givenName, (u, v) -> u.givenName = v),
            new Field("MiddleName", u -> u.middleName, (u, v) -> u.middleName = v),
            new Field("HonorificPrefix", u -> u.honorificPrefix, (u, v) -> u.honorificPrefix = v),
            new Field("HonorificSuffix", u -> u.honorificSuffix, (u, v) -> u.honorificSuffix = v));
    /** Multi-valued attributes: their members, and whether Primary is allowed. */
    private static final Map<String, List<String>> MULTI = Map.of(
            "Emails", List.of("Value", "Type"),
            "PhoneNumbers", List.of("Value", "Type"),
            "Addresses", List.of("StreetAddress", "Locality", "Region", "PostalCode", "Country", "Formatted", "Type"));

    private UserWire() {}

    /** Reads CreateUser's attributes (all but UserName) onto a new user. */
    static void readCreate(JsonNode in, WsUserEntity user) {
        for (Field field : TOP) {
            field.set().accept(user, StoreInput.checked(in, field.wire(), camel(field.wire()), 1024,
                    StoreInput.SENSITIVE));
        }
        JsonNode name = StoreInput.object(in, "Name");
        if (name != null) {
            readName(name, user);
        }
        for (String multi : MULTI.keySet()) {
            setMulti(user, multi, StoreInput.list(in, multi, camel(multi), 1, 1));
        }
    }

    private static void readName(JsonNode name, WsUserEntity user) {
        for (Field field : NAME) {
            field.set().accept(user, StoreInput.checked(name, field.wire(), "name." + camel(field.wire()), 1024,
                    StoreInput.SENSITIVE));
        }
    }

    /**
     * Applies one UpdateUser operation: {@code AttributePath} (case-insensitive, e.g.
     * {@code displayName}, {@code name.givenName}, {@code emails}) set to {@code AttributeValue},
     * or removed when the value is absent or null. UserName is handled by the caller.
     */
    static void apply(WsUserEntity user, String path, JsonNode value) {
        String lower = path.toLowerCase(Locale.ROOT);
        boolean remove = value == null || value.isNull();
        for (Field field : TOP) {
            if (field.wire().toLowerCase(Locale.ROOT).equals(lower)) {
                field.set().accept(user, remove ? null : scalar(value, path));
                return;
            }
        }
        for (Field field : NAME) {
            if (("name." + field.wire()).toLowerCase(Locale.ROOT).equals(lower)) {
                field.set().accept(user, remove ? null : scalar(value, path));
                return;
            }
        }
        if (lower.equals("name")) {
            NAME.forEach(f -> f.set().accept(user, null));
            if (!remove) {
                if (!value.isObject()) {
                    throw StoreInput.validation("Value at 'operations.member.attributeValue' for name must be a"
                            + " structure");
                }
                readName(value, user);
            }
            return;
        }
        for (String multi : MULTI.keySet()) {
            if (multi.toLowerCase(Locale.ROOT).equals(lower)) {
                if (!remove && (!value.isArray() || value.size() > 1)) {
                    throw StoreInput.validation("Value at 'operations.member.attributeValue' for " + path
                            + " must be a list of at most 1 item");
                }
                setMulti(user, multi, remove || value.isEmpty() ? null : value);
                return;
            }
        }
        throw StoreInput.validation("Value at 'operations.member.attributePath' failed to satisfy constraint:"
                + " Invalid attribute path " + path);
    }

    private static String scalar(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw StoreInput.validation("Value at 'operations.member.attributeValue' for " + path
                    + " must be a string");
        }
        StoreInput.check(value.asText(), "operations.member.attributeValue", 1024, StoreInput.SENSITIVE);
        return value.asText();
    }

    private static void setMulti(WsUserEntity user, String multi, JsonNode items) {
        String json = items == null ? null : normalize(multi, items);
        switch (multi) {
            case "Emails" -> user.emails = json;
            case "PhoneNumbers" -> user.phoneNumbers = json;
            default -> user.addresses = json;
        }
    }

    /** Keeps only the model's members, each checked. */
    private static String normalize(String multi, JsonNode items) {
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw StoreInput.serialization(multi + " members must be structures");
            }
            ObjectNode clean = out.addObject();
            for (String member : MULTI.get(multi)) {
                String value = StoreInput.checked(item, member, camel(multi) + ".member." + camel(member), 1024,
                        StoreInput.SENSITIVE);
                if (value != null) {
                    clean.put(member, value);
                }
            }
            Boolean primary = StoreInput.bool(item, "Primary");
            if (primary != null) {
                clean.put("Primary", primary);
            }
        }
        return out.toString();
    }

    /** The User structure (DescribeUser's answer and ListUsers' items). */
    static ObjectNode write(WsUserEntity user, List<WsExternalIdEntity> externalIds) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("UserName", user.userName);
        out.put("UserId", user.id);
        if (!externalIds.isEmpty()) {
            ArrayNode ids = out.putArray("ExternalIds");
            externalIds.forEach(e -> ids.addObject().put("Issuer", e.issuer).put("Id", e.externalId));
        }
        ObjectNode name = MAPPER.createObjectNode();
        NAME.forEach(f -> putIfPresent(name, f.wire(), f.get().apply(user)));
        if (!name.isEmpty()) {
            out.set("Name", name);
        }
        TOP.forEach(f -> putIfPresent(out, f.wire(), f.get().apply(user)));
        putJson(out, "Emails", user.emails);
        putJson(out, "Addresses", user.addresses);
        putJson(out, "PhoneNumbers", user.phoneNumbers);
        out.put("IdentityStoreId", user.storeId);
        out.put("UserStatus", user.active ? "ENABLED" : "DISABLED");
        stamps(out, user.createdAt, user.createdBy, user.updatedAt, user.updatedBy);
        return out;
    }

    /** The newer model's CreatedAt/CreatedBy/UpdatedAt/UpdatedBy (epoch seconds; older clients ignore them). */
    static void stamps(ObjectNode out, java.time.Instant createdAt, String createdBy, java.time.Instant updatedAt,
            String updatedBy) {
        out.put("CreatedAt", java.math.BigDecimal.valueOf(createdAt.toEpochMilli(), 3));
        putIfPresent(out, "CreatedBy", createdBy);
        out.put("UpdatedAt", java.math.BigDecimal.valueOf(updatedAt.toEpochMilli(), 3));
        putIfPresent(out, "UpdatedBy", updatedBy);
    }

    static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putJson(ObjectNode node, String name, String json) {
        if (json != null) {
            try {
                node.set(name, MAPPER.readTree(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored " + name + " is not JSON", e);
            }
        }
    }

    /** ExternalIds of a request (1-10 of Issuer and Id), checked. */
    static List<Directory.ExternalId> externalIds(JsonNode list) {
        List<Directory.ExternalId> out = new ArrayList<>();
        for (JsonNode item : list) {
            out.add(externalId(item, "externalIds.member"));
        }
        return out;
    }

    static Directory.ExternalId externalId(JsonNode item, String path) {
        if (!item.isObject()) {
            throw StoreInput.serialization("ExternalId must be a structure");
        }
        return new Directory.ExternalId(
                StoreInput.requiredChecked(item, "Issuer", path + ".issuer", 100, StoreInput.EXTERNAL_ISSUER),
                StoreInput.requiredChecked(item, "Id", path + ".id", 256, StoreInput.GROUP_NAME));
    }

    static String camel(String wire) {
        return Character.toLowerCase(wire.charAt(0)) + wire.substring(1);
    }
}
