package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.identitystore.IdentityStoreService.StoreCall;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.persistence.WsGroupEntity;
import io.gatehouse.identity.persistence.WsMemberEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CreateGroupMembership, DeleteGroupMembership, DescribeGroupMembership, GetGroupMembershipId,
 * ListGroupMemberships, ListGroupMembershipsForMember and IsMemberInGroups. A member is a user
 * ({@code MemberId: {"UserId": ...}}), the only kind AWS has.
 */
@ApplicationScoped
public class MembershipOperations {
    static final String TYPE = "AWS::IdentityStore::GroupMembership";

    @Inject
    Directory directory;

    private static String groupId(StoreCall call) {
        return StoreInput.requiredChecked(call.in(), "GroupId", "groupId", 47, StoreInput.RESOURCE_ID);
    }

    private static String memberUserId(StoreCall call) {
        JsonNode member = StoreInput.object(call.in(), "MemberId");
        if (member == null) {
            throw StoreInput.validation("Value null at 'memberId' failed to satisfy constraint: Member must not be"
                    + " null");
        }
        return StoreInput.requiredChecked(member, "UserId", "memberId.userId", 47, StoreInput.RESOURCE_ID);
    }

    JsonReply create(StoreCall call) {
        String groupId = groupId(call);
        String userId = memberUserId(call);
        call.authorize(IdentityStoreService.groupArn(groupId));
        WsGroupEntity group = directory.group(call.store().id(), groupId);
        WsMemberEntity member = directory.addMember(group, userId);
        if (member == null) {
            throw new AwsException("ConflictException", 409, "Member is already in the group.");
        }
        ObjectNode out = UserWire.MAPPER.createObjectNode().put("MembershipId", member.id)
                .put("IdentityStoreId", member.storeId);
        return call.changed(out, TYPE, IdentityStoreService.membershipArn(member.id));
    }

    private WsMemberEntity target(StoreCall call) {
        String id = StoreInput.requiredChecked(call.in(), "MembershipId", "membershipId", 47,
                StoreInput.RESOURCE_ID);
        call.authorize(IdentityStoreService.membershipArn(id));
        WsMemberEntity member = WsMemberEntity.findById(id);
        if (member == null || !member.storeId.equals(call.store().id())) {
            throw IdentityStoreService.notFound("GROUP_MEMBERSHIP", "GROUP_MEMBERSHIP not found.");
        }
        return member;
    }

    JsonReply delete(StoreCall call) {
        WsMemberEntity member = target(call);
        member.delete();
        return call.changed(UserWire.MAPPER.createObjectNode(), TYPE, IdentityStoreService.membershipArn(member.id));
    }

    JsonReply describe(StoreCall call) {
        WsMemberEntity member = target(call);
        ObjectNode out = UserWire.MAPPER.createObjectNode().put("IdentityStoreId", member.storeId)
                .put("MembershipId", member.id).put("GroupId", member.groupId);
        out.putObject("MemberId").put("UserId", member.userId);
        return JsonReply.read(out);
    }

    JsonReply getId(StoreCall call) {
        String groupId = groupId(call);
        String userId = memberUserId(call);
        call.authorize(IdentityStoreService.groupArn(groupId));
        WsMemberEntity member = WsMemberEntity.of(groupId, userId)
                .filter(m -> m.storeId.equals(call.store().id()))
                .orElseThrow(() -> IdentityStoreService.notFound("GROUP_MEMBERSHIP", "GROUP_MEMBERSHIP not found."));
        return JsonReply.read(UserWire.MAPPER.createObjectNode().put("MembershipId", member.id)
                .put("IdentityStoreId", member.storeId));
    }

    JsonReply listForGroup(StoreCall call) {
        String groupId = groupId(call);
        call.authorize(IdentityStoreService.groupArn(groupId));
        directory.group(call.store().id(), groupId);
        return page(call, "groupId", groupId);
    }

    JsonReply listForMember(StoreCall call) {
        String userId = memberUserId(call);
        call.authorize(IdentityStoreService.userArn(userId));
        directory.user(call.store().id(), userId);
        return page(call, "userId", userId);
    }

    private static JsonReply page(StoreCall call, String column, String value) {
        int max = StoreInput.maxResults(call.in(), 100);
        String after = Pages.after(call.in(), "member");
        List<WsMemberEntity> page = WsMemberEntity.<WsMemberEntity>find(column + " = ?1 and id > ?2 order by id",
                value, after).page(0, max + 1).list();
        ObjectNode out = UserWire.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("GroupMemberships");
        for (int i = 0; i < Math.min(max, page.size()); i++) {
            WsMemberEntity member = page.get(i);
            ObjectNode item = items.addObject().put("IdentityStoreId", member.storeId).put("MembershipId", member.id)
                    .put("GroupId", member.groupId);
            item.putObject("MemberId").put("UserId", member.userId);
        }
        if (page.size() > max) {
            out.put("NextToken", Pages.token("member", page.get(max - 1).id));
        }
        return JsonReply.read(out);
    }

    JsonReply isMemberInGroups(StoreCall call) {
        String userId = memberUserId(call);
        JsonNode groupIds = StoreInput.list(call.in(), "GroupIds", "groupIds", 1, 100);
        if (groupIds == null) {
            throw StoreInput.validation("Value null at 'groupIds' failed to satisfy constraint: Member must not be"
                    + " null");
        }
        call.authorize(IdentityStoreService.userArn(userId));
        directory.user(call.store().id(), userId);
        Set<String> memberOf = new HashSet<>(WsMemberEntity.<WsMemberEntity>find("userId", userId).stream()
                .map(m -> m.groupId).toList());
        ObjectNode out = UserWire.MAPPER.createObjectNode();
        ArrayNode results = out.putArray("Results");
        for (JsonNode node : groupIds) {
            if (!node.isTextual()) {
                throw StoreInput.serialization("GroupIds members must be strings");
            }
            StoreInput.check(node.asText(), "groupIds.member", 47, StoreInput.RESOURCE_ID);
            ObjectNode result = results.addObject().put("GroupId", node.asText());
            result.putObject("MemberId").put("UserId", userId);
            result.put("MembershipExists", memberOf.contains(node.asText()));
        }
        return JsonReply.read(out);
    }
}
