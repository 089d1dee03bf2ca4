package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.identitystore.IdentityStoreService.StoreCall;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.internal.workforce.Hashes;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsGroupEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** CreateGroup, DescribeGroup, ListGroups, UpdateGroup, DeleteGroup and GetGroupId. */
@ApplicationScoped
public class GroupOperations {
    static final String TYPE = "AWS::IdentityStore::Group";

    @Inject
    Directory directory;

    JsonReply create(StoreCall call) {
        call.authorize(null);
        JsonNode in = call.in();
        String name = StoreInput.requiredChecked(in, "DisplayName", "displayName", 1024, StoreInput.GROUP_NAME);
        WsGroupEntity group = directory.newGroup(call.store().id());
        group.description = StoreInput.checked(in, "Description", "description", 1024, StoreInput.SENSITIVE);
        directory.rename(group, name);
        directory.save(group, call.call().caller().principal().arn());
        ObjectNode out = UserWire.MAPPER.createObjectNode().put("GroupId", group.id)
                .put("IdentityStoreId", group.storeId);
        return call.changed(out, TYPE, IdentityStoreService.groupArn(group.id));
    }

    private WsGroupEntity target(StoreCall call) {
        String id = StoreInput.requiredChecked(call.in(), "GroupId", "groupId", 47, StoreInput.RESOURCE_ID);
        call.authorize(IdentityStoreService.groupArn(id));
        return call.call().operation().equals("DescribeGroup") ? directory.group(call.store().id(), id)
                : directory.groupForUpdate(call.store().id(), id);
    }

    static ObjectNode write(WsGroupEntity group) {
        return write(group, WsExternalIdEntity.of(group.id));
    }

    static ObjectNode write(WsGroupEntity group, List<WsExternalIdEntity> externalIds) {
        ObjectNode out = UserWire.MAPPER.createObjectNode();
        out.put("GroupId", group.id);
        out.put("DisplayName", group.displayName);
        if (!externalIds.isEmpty()) {
            ArrayNode ids = out.putArray("ExternalIds");
            externalIds.forEach(e -> ids.addObject().put("Issuer", e.issuer).put("Id", e.externalId));
        }
        UserWire.putIfPresent(out, "Description", group.description);
        out.put("IdentityStoreId", group.storeId);
        UserWire.stamps(out, group.createdAt, group.createdBy, group.updatedAt, group.updatedBy);
        return out;
    }

    JsonReply describe(StoreCall call) {
        return JsonReply.read(write(target(call)));
    }

    JsonReply list(StoreCall call) {
        call.authorize(null);
        JsonNode in = call.in();
        int max = StoreInput.maxResults(in, 100);
        String after = Pages.after(in, "group");
        JsonNode filters = StoreInput.list(in, "Filters", "filters", 0, 1);
        List<WsGroupEntity> page;
        if (filters != null && !filters.isEmpty()) {
            JsonNode filter = filters.get(0);
            String path = StoreInput.requiredChecked(filter, "AttributePath", "filters.1.member.attributePath", 255,
                    StoreInput.ATTRIBUTE_PATH);
            String value = StoreInput.requiredChecked(filter, "AttributeValue", "filters.1.member.attributeValue",
                    1024, StoreInput.SENSITIVE);
            if (!path.equalsIgnoreCase("DisplayName")) {
                throw StoreInput.validation("Value at 'filters.1.member.attributePath' failed to satisfy constraint:"
                        + " ListGroups filters on DisplayName only");
            }
            page = WsGroupEntity.byNameHash(call.store().id(), Hashes.ofLower(value)).stream().toList();
        } else {
            page = WsGroupEntity.<WsGroupEntity>find("storeId = ?1 and id > ?2 order by id", call.store().id(),
                    after).page(0, max + 1).list();
        }
        ObjectNode out = UserWire.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("Groups");
        List<WsGroupEntity> shown = page.subList(0, Math.min(max, page.size()));
        Map<String, List<WsExternalIdEntity>> externalIds = WsExternalIdEntity.of(shown.stream().map(g -> g.id)
                .toList());
        shown.forEach(g -> items.add(write(g, externalIds.getOrDefault(g.id, List.of()))));
        if (page.size() > max) {
            out.put("NextToken", Pages.token("group", page.get(max - 1).id));
        }
        return JsonReply.read(out);
    }

    /** Operations on displayName and description (the group's attributes). */
    JsonReply update(StoreCall call) {
        WsGroupEntity group = target(call);
        JsonNode operations = StoreInput.list(call.in(), "Operations", "operations", 1, 100);
        if (operations == null) {
            throw StoreInput.validation("Value null at 'operations' failed to satisfy constraint: Member must not be"
                    + " null");
        }
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw StoreInput.serialization("Operations members must be structures");
            }
            String path = StoreInput.requiredChecked(operation, "AttributePath", "operations.member.attributePath",
                    255, StoreInput.ATTRIBUTE_PATH);
            JsonNode value = operation.get("AttributeValue");
            boolean remove = value == null || value.isNull();
            if (!remove && !value.isTextual()) {
                throw StoreInput.validation("Value at 'operations.member.attributeValue' for " + path
                        + " must be a string");
            }
            if (path.equalsIgnoreCase("displayName")) {
                if (remove) {
                    throw StoreInput.validation("The displayName of a group cannot be removed");
                }
                StoreInput.check(value.asText(), "operations.member.attributeValue", 1024, StoreInput.GROUP_NAME);
                directory.rename(group, value.asText());
            } else if (path.equalsIgnoreCase("description")) {
                if (!remove) {
                    StoreInput.check(value.asText(), "operations.member.attributeValue", 1024, StoreInput.SENSITIVE);
                }
                group.description = remove ? null : value.asText();
            } else {
                throw StoreInput.validation("Value at 'operations.member.attributePath' failed to satisfy constraint:"
                        + " Invalid attribute path " + path);
            }
        }
        directory.save(group, call.call().caller().principal().arn());
        return call.changed(UserWire.MAPPER.createObjectNode(), TYPE, IdentityStoreService.groupArn(group.id));
    }

    JsonReply delete(StoreCall call) {
        WsGroupEntity group = target(call);
        directory.delete(group);
        return call.changed(UserWire.MAPPER.createObjectNode(), TYPE, IdentityStoreService.groupArn(group.id));
    }

    /** By ExternalId, or by the unique attribute displayName. */
    JsonReply getId(StoreCall call) {
        call.authorize(null);
        JsonNode alternate = StoreInput.object(call.in(), "AlternateIdentifier");
        if (alternate == null) {
            throw StoreInput.validation("Value null at 'alternateIdentifier' failed to satisfy constraint: Member"
                    + " must not be null");
        }
        JsonNode external = StoreInput.object(alternate, "ExternalId");
        JsonNode unique = StoreInput.object(alternate, "UniqueAttribute");
        if ((external == null) == (unique == null)) {
            throw StoreInput.validation("Value at 'alternateIdentifier' failed to satisfy constraint: Exactly one of"
                    + " ExternalId and UniqueAttribute must be set");
        }
        String storeId = call.store().id();
        String groupId;
        if (external != null) {
            Directory.ExternalId id = UserWire.externalId(external, "alternateIdentifier.externalId");
            groupId = directory.byExternalId(WsExternalIdEntity.GROUP, id);
        } else {
            String path = StoreInput.requiredChecked(unique, "AttributePath",
                    "alternateIdentifier.uniqueAttribute.attributePath", 255, StoreInput.ATTRIBUTE_PATH);
            JsonNode value = unique.get("AttributeValue");
            if (!path.equalsIgnoreCase("displayName") || value == null || !value.isTextual()) {
                throw StoreInput.validation("Value at 'alternateIdentifier.uniqueAttribute' failed to satisfy"
                        + " constraint: The unique attribute of groups is displayName, a string");
            }
            groupId = WsGroupEntity.byNameHash(storeId, Hashes.ofLower(value.asText())).map(g -> g.id).orElse(null);
        }
        if (groupId == null) {
            throw IdentityStoreService.notFound("GROUP", "GROUP not found.");
        }
        return JsonReply.read(UserWire.MAPPER.createObjectNode().put("GroupId", groupId).put("IdentityStoreId",
                storeId));
    }
}
