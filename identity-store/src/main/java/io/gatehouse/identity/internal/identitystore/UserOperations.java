package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.identitystore.IdentityStoreService.StoreCall;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.internal.workforce.Hashes;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CreateUser, DescribeUser, ListUsers, UpdateUser, DeleteUser and GetUserId. */
@ApplicationScoped
public class UserOperations {
    @Inject
    Directory directory;

    JsonReply create(StoreCall call) {
        call.authorize(null);
        JsonNode in = call.in();
        String userName = StoreInput.requiredChecked(in, "UserName", "userName", 128, StoreInput.USER_NAME);
        WsUserEntity user = directory.newUser(call.store().id());
        UserWire.readCreate(in, user);
        directory.rename(user, userName);
        directory.save(user, call.call().caller().principal().arn());
        ObjectNode out = UserWire.MAPPER.createObjectNode().put("UserId", user.id)
                .put("IdentityStoreId", user.storeId);
        return call.changed(out, "AWS::IdentityStore::User", IdentityStoreService.userArn(user.id));
    }

    private WsUserEntity target(StoreCall call) {
        String id = StoreInput.requiredChecked(call.in(), "UserId", "userId", 47, StoreInput.RESOURCE_ID);
        call.authorize(IdentityStoreService.userArn(id));
        return call.call().operation().equals("DescribeUser") ? directory.user(call.store().id(), id)
                : directory.userForUpdate(call.store().id(), id);
    }

    JsonReply describe(StoreCall call) {
        WsUserEntity user = target(call);
        return JsonReply.read(UserWire.write(user, WsExternalIdEntity.of(user.id)));
    }

    JsonReply list(StoreCall call) {
        call.authorize(null);
        JsonNode in = call.in();
        int max = StoreInput.maxResults(in, 100);
        String after = Pages.after(in, "user");
        JsonNode filters = StoreInput.list(in, "Filters", "filters", 0, 1);
        ObjectNode out = UserWire.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("Users");
        List<WsUserEntity> page;
        if (filters != null && !filters.isEmpty()) {
            page = filtered(call, filters.get(0));
        } else {
            page = WsUserEntity.<WsUserEntity>find("storeId = ?1 and id > ?2 order by id", call.store().id(), after)
                    .page(0, max + 1).list();
        }
        List<WsUserEntity> shown = page.subList(0, Math.min(max, page.size()));
        Map<String, List<WsExternalIdEntity>> externalIds = WsExternalIdEntity.of(shown.stream().map(u -> u.id)
                .toList());
        shown.forEach(u -> items.add(UserWire.write(u, externalIds.getOrDefault(u.id, List.of()))));
        if (page.size() > max) {
            out.put("NextToken", Pages.token("user", page.get(max - 1).id));
        }
        return JsonReply.read(out);
    }

    /** The deprecated ListUsers filter: UserName equal to a value, compared regardless of case. */
    private static List<WsUserEntity> filtered(StoreCall call, JsonNode filter) {
        String path = StoreInput.requiredChecked(filter, "AttributePath", "filters.1.member.attributePath", 255,
                StoreInput.ATTRIBUTE_PATH);
        String value = StoreInput.requiredChecked(filter, "AttributeValue", "filters.1.member.attributeValue", 1024,
                StoreInput.SENSITIVE);
        if (!path.equalsIgnoreCase("UserName")) {
            throw StoreInput.validation("Value at 'filters.1.member.attributePath' failed to satisfy constraint:"
                    + " ListUsers filters on UserName only");
        }
        return WsUserEntity.byUserName(call.store().id(), value.toLowerCase(Locale.ROOT)).stream().toList();
    }

    JsonReply update(StoreCall call) {
        WsUserEntity user = target(call);
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
            if (path.equalsIgnoreCase("userName")) {
                if (value == null || !value.isTextual()) {
                    throw StoreInput.validation("Value at 'operations.member.attributeValue' for userName must be"
                            + " a string");
                }
                StoreInput.check(value.asText(), "operations.member.attributeValue", 128, StoreInput.USER_NAME);
                directory.rename(user, value.asText());
            } else {
                UserWire.apply(user, path, value);
            }
        }
        directory.save(user, call.call().caller().principal().arn());
        return call.changed(UserWire.MAPPER.createObjectNode(), "AWS::IdentityStore::User",
                IdentityStoreService.userArn(user.id));
    }

    JsonReply delete(StoreCall call) {
        WsUserEntity user = target(call);
        directory.delete(user);
        return call.changed(UserWire.MAPPER.createObjectNode(), "AWS::IdentityStore::User",
                IdentityStoreService.userArn(user.id));
    }

    /** By ExternalId, or by the unique attributes userName and emails.value. */
    JsonReply getId(StoreCall call) {
        call.authorize(null);
        JsonNode alternate = StoreInput.object(call.in(), "AlternateIdentifier");
        if (alternate == null) {
            throw StoreInput.validation("Value null at 'alternateIdentifier' failed to satisfy constraint: Member"
                    + " must not be null");
        }
        String storeId = call.store().id();
        String userId = null;
        JsonNode external = StoreInput.object(alternate, "ExternalId");
        JsonNode unique = StoreInput.object(alternate, "UniqueAttribute");
        if ((external == null) == (unique == null)) {
            throw StoreInput.validation("Value at 'alternateIdentifier' failed to satisfy constraint: Exactly one of"
                    + " ExternalId and UniqueAttribute must be set");
        }
        if (external != null) {
            userId = directory.byExternalId(WsExternalIdEntity.USER,
                    UserWire.externalId(external, "alternateIdentifier.externalId"));
        } else {
            String path = StoreInput.requiredChecked(unique, "AttributePath",
                    "alternateIdentifier.uniqueAttribute.attributePath", 255, StoreInput.ATTRIBUTE_PATH);
            JsonNode value = unique.get("AttributeValue");
            if (value == null || !value.isTextual()) {
                throw StoreInput.validation("Value at 'alternateIdentifier.uniqueAttribute.attributeValue' failed to"
                        + " satisfy constraint: Member must be a string");
            }
            if (path.equalsIgnoreCase("userName")) {
                userId = WsUserEntity.byUserName(storeId, value.asText().toLowerCase(Locale.ROOT)).map(u -> u.id)
                        .orElse(null);
            } else if (path.equalsIgnoreCase("emails.value")) {
                userId = WsUserEntity.<WsUserEntity>find("storeId = ?1 and emailHash = ?2 order by id", storeId,
                        Hashes.ofLower(value.asText())).firstResultOptional().map(u -> u.id).orElse(null);
            } else {
                throw StoreInput.validation("Value at 'alternateIdentifier.uniqueAttribute.attributePath' failed to"
                        + " satisfy constraint: The unique attributes of users are userName and emails.value");
            }
        }
        if (userId == null) {
            throw IdentityStoreService.notFound("USER", "USER not found.");
        }
        return JsonReply.read(UserWire.MAPPER.createObjectNode().put("UserId", userId).put("IdentityStoreId",
                storeId));
    }
}
