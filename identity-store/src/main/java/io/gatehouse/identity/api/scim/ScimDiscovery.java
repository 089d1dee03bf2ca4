package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The discovery resources (RFC 7644 section 4): ServiceProviderConfig (PATCH, filter and ETags
 * supported; bulk, sort and password change not), the User and Group ResourceTypes, and the
 * Schemas of the attributes this server keeps.
 */
final class ScimDiscovery {
    private ScimDiscovery() {}

    static ObjectNode serviceProviderConfig(String base) {
        ObjectNode out = ScimUsers.MAPPER.createObjectNode();
        out.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        out.putObject("patch").put("supported", true);
        out.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        out.putObject("filter").put("supported", true).put("maxResults", ScimOperations.MAX_COUNT);
        out.putObject("changePassword").put("supported", false);
        out.putObject("sort").put("supported", false);
        out.putObject("etag").put("supported", true);
        out.putArray("authenticationSchemes").addObject().put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put("description", "A SCIM access token created with GatehouseAdmin.CreateScimAccessToken")
                .put("primary", true);
        meta(out, "ServiceProviderConfig", base + "/ServiceProviderConfig");
        return out;
    }

    static ObjectNode resourceType(String base, String name) {
        ObjectNode out = ScimUsers.MAPPER.createObjectNode();
        out.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
        out.put("id", name).put("name", name).put("endpoint", "/" + name + "s")
                .put("description", name.equals("User") ? "Workforce user" : "Workforce group")
                .put("schema", name.equals("User") ? ScimUsers.SCHEMA : ScimGroups.SCHEMA);
        ArrayNode extensions = out.putArray("schemaExtensions");
        if (name.equals("User")) {
            extensions.addObject().put("schema", ScimUsers.ENTERPRISE).put("required", false);
        }
        meta(out, "ResourceType", base + "/ResourceTypes/" + name);
        return out;
    }

    static ObjectNode schema(String base, String id) {
        ObjectNode out = ScimUsers.MAPPER.createObjectNode();
        out.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        out.put("id", id);
        ArrayNode attributes;
        if (id.equals(ScimUsers.SCHEMA)) {
            out.put("name", "User").put("description", "Workforce user");
            attributes = out.putArray("attributes");
            attributes.add(attribute("userName", "string", false, true, "server"));
            ObjectNode name = attribute("name", "complex", false, false, "none");
            ArrayNode parts = name.putArray("subAttributes");
            List.of("formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix")
                    .forEach(p -> parts.add(attribute(p, "string", false, false, "none")));
            attributes.add(name);
            List.of("displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale",
                    "timezone").forEach(a -> attributes.add(attribute(a, "string", false, false, "none")));
            attributes.add(attribute("active", "boolean", false, false, "none"));
            attributes.add(multi("emails", List.of("value", "type"), "none"));
            attributes.add(multi("phoneNumbers", List.of("value", "type"), "none"));
            attributes.add(multi("addresses", List.of("streetAddress", "locality", "region", "postalCode", "country",
                    "formatted", "type"), "none"));
            attributes.add(multi("groups", List.of("value", "display", "$ref", "type"), "none")
                    .put("mutability", "readOnly"));
        } else if (id.equals(ScimUsers.ENTERPRISE)) {
            out.put("name", "EnterpriseUser").put("description", "Enterprise user");
            attributes = out.putArray("attributes");
            ScimUsers.ENTERPRISE_TEXTS.forEach(a -> attributes.add(attribute(a, "string", false, false, "none")));
            ObjectNode manager = attribute("manager", "complex", false, false, "none");
            manager.putArray("subAttributes").add(attribute("value", "string", false, false, "none"));
            attributes.add(manager);
        } else {
            out.put("name", "Group").put("description", "Workforce group");
            attributes = out.putArray("attributes");
            attributes.add(attribute("displayName", "string", false, true, "server"));
            attributes.add(multi("members", List.of("value", "display", "$ref", "type"), "none"));
        }
        meta(out, "Schema", base + "/Schemas/" + id);
        return out;
    }

    static List<String> schemaIds() {
        return List.of(ScimUsers.SCHEMA, ScimUsers.ENTERPRISE, ScimGroups.SCHEMA);
    }

    private static ObjectNode attribute(String name, String type, boolean multiValued, boolean required,
            String uniqueness) {
        return ScimUsers.MAPPER.createObjectNode().put("name", name).put("type", type)
                .put("multiValued", multiValued).put("required", required).put("caseExact", false)
                .put("mutability", "readWrite").put("returned", "default").put("uniqueness", uniqueness);
    }

    private static ObjectNode multi(String name, List<String> subAttributes, String uniqueness) {
        ObjectNode out = attribute(name, "complex", true, false, uniqueness);
        ArrayNode subs = out.putArray("subAttributes");
        subAttributes.forEach(s -> subs.add(attribute(s, s.equals("$ref") ? "reference" : "string", false, false,
                "none")));
        subs.add(attribute("primary", "boolean", false, false, "none"));
        return out;
    }

    private static void meta(ObjectNode out, String type, String location) {
        out.putObject("meta").put("resourceType", type).put("location", location);
    }

    /** A ListResponse of fixed resources. */
    static ObjectNode list(List<ObjectNode> resources) {
        ObjectNode out = ScimUsers.MAPPER.createObjectNode();
        out.putArray("schemas").add(ScimOperations.LIST_SCHEMA);
        out.put("totalResults", resources.size()).put("itemsPerPage", resources.size()).put("startIndex", 1);
        ArrayNode items = out.putArray("Resources");
        resources.forEach(items::add);
        return out;
    }
}
