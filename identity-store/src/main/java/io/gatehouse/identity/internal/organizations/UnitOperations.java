package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.iam.Guard;
import io.gatehouse.identity.internal.iam.Tags;
import io.gatehouse.identity.internal.organizations.OrganizationsService.OrgCall;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgAttachmentEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Organizational units (at most five levels below the root, names unique under one parent) and
 * the tree's listings: ListRoots, ListChildren, ListParents, ListOrganizationalUnitsForParent.
 */
@ApplicationScoped
public class UnitOperations {
    static final String TYPE = "AWS::Organizations::OrganizationalUnit";
    static final int MAX_DEPTH = 5;

    @Inject
    Clock clock;

    JsonReply create(OrgCall call) {
        JsonNode in = call.in();
        String parentId = OrgInput.required(in, "ParentId", 1, 100, OrgInput.PARENT_ID);
        String name = OrgInput.required(in, "Name", 1, 128, OrgInput.ANY);
        Map<String, String> tags = OrgInput.tags(in);
        OrgUnitEntity found = OrgTree.unit(parentId);
        call.authorize(found == null ? Organizations.orgArn(call.org()) : Organizations.unitArn(call.org(), found),
                Guard.tagContext(tags, null));
        // Locking the parent queues concurrent creations under it, so the name check holds.
        OrgUnitEntity parent = OrgUnitEntity.findById(parentId, LockModeType.PESSIMISTIC_WRITE);
        if (parent == null) {
            OrgTree.parent(parentId);
        }
        if (parent.depth + 1 > MAX_DEPTH) {
            throw OrgInput.constraint("OU_DEPTH_LIMIT_EXCEEDED", "You attempted to create an OU tree that is too many"
                    + " levels deep.");
        }
        uniqueName(parentId, name, null);
        OrgUnitEntity unit = new OrgUnitEntity();
        unit.id = Organizations.ouId(Organizations.root().id);
        unit.parentId = parentId;
        unit.name = name;
        unit.depth = parent.depth + 1;
        unit.createdAt = clock.instant();
        unit.persist();
        Organizations.attachFullAccess(unit.id);
        OrgTags.put(unit.id, tags);
        ObjectNode out = OrgWire.object();
        out.set("OrganizationalUnit", OrgWire.unit(call.org(), unit));
        return call.changed(out, TYPE, Organizations.unitArn(call.org(), unit));
    }

    private static void uniqueName(String parentId, String name, String except) {
        boolean taken = OrgUnitEntity.<OrgUnitEntity>list("parentId", parentId).stream()
                .anyMatch(u -> u.name.equals(name) && !u.id.equals(except));
        if (taken) {
            throw OrgInput.error("DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
        }
    }

    private static OrgUnitEntity target(OrgCall call, boolean lock) {
        String id = OrgInput.required(call.in(), "OrganizationalUnitId", 1, 68, OrgInput.OU_ID);
        OrgUnitEntity unit = OrgTree.unit(id);
        call.authorize(unit == null || unit.isRoot() ? "arn:aws:organizations::" + call.org().managementAccountId
                + ":ou/" + call.org().id + "/" + id : Organizations.unitArn(call.org(), unit));
        return OrgTree.ou(id, lock);
    }

    JsonReply describe(OrgCall call) {
        OrgUnitEntity unit = target(call, false);
        ObjectNode out = OrgWire.object();
        out.set("OrganizationalUnit", OrgWire.unit(call.org(), unit));
        return JsonReply.read(out);
    }

    JsonReply update(OrgCall call) {
        String name = OrgInput.optional(call.in(), "Name", 1, 128, OrgInput.ANY);
        OrgUnitEntity unit = target(call, true);
        if (name != null) {
            OrgUnitEntity.findById(unit.parentId, LockModeType.PESSIMISTIC_WRITE);
            uniqueName(unit.parentId, name, unit.id);
            unit.name = name;
        }
        ObjectNode out = OrgWire.object();
        out.set("OrganizationalUnit", OrgWire.unit(call.org(), unit));
        return call.changed(out, TYPE, Organizations.unitArn(call.org(), unit));
    }

    JsonReply delete(OrgCall call) {
        OrgUnitEntity unit = target(call, true);
        if (OrgUnitEntity.count("parentId", unit.id) > 0 || OrgAccountEntity.count("parentId", unit.id) > 0) {
            throw OrgInput.error("OrganizationalUnitNotEmptyException", "The specified OU is not empty. Move all"
                    + " accounts to another root or to other OUs, remove all child OUs, and try the operation again.");
        }
        String arn = Organizations.unitArn(call.org(), unit);
        OrgAttachmentEntity.delete("targetId", unit.id);
        Tags.removeAll(unit.id);
        unit.delete();
        return call.changed(OrgWire.object(), TYPE, arn);
    }

    JsonReply listForParent(OrgCall call) {
        OrgUnitEntity parent = authorizedParent(call);
        OrgPages.Page<OrgUnitEntity> page = OrgPages.page(call.in(), "ou", (after, limit) ->
                OrgUnitEntity.<OrgUnitEntity>find("parentId = ?1 and id > ?2 order by id", parent.id, after)
                        .range(0, limit - 1).list(), u -> u.id);
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("OrganizationalUnits");
        page.items().forEach(u -> list.add(OrgWire.unit(call.org(), u)));
        return JsonReply.read(AccountOperations.next(out, page));
    }

    private static OrgUnitEntity authorizedParent(OrgCall call) {
        String parentId = OrgInput.required(call.in(), "ParentId", 1, 100, OrgInput.PARENT_ID);
        OrgUnitEntity parent = OrgTree.unit(parentId);
        call.authorize(parent == null ? Organizations.orgArn(call.org()) : Organizations.unitArn(call.org(), parent));
        return OrgTree.parent(parentId);
    }

    JsonReply listRoots(OrgCall call) {
        call.authorizeOrganization();
        OrgPages.Page<OrgUnitEntity> page = OrgPages.page(call.in(), "root", List.of(Organizations.root()), u -> u.id);
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("Roots");
        page.items().forEach(r -> list.add(OrgWire.root(call.org(), r)));
        return JsonReply.read(AccountOperations.next(out, page));
    }

    JsonReply listChildren(OrgCall call) {
        String type = OrgInput.enumValue(call.in(), "ChildType", true, "ACCOUNT", "ORGANIZATIONAL_UNIT");
        OrgUnitEntity parent = authorizedParent(call);
        OrgPages.Page<String> page;
        if (type.equals("ACCOUNT")) {
            page = OrgPages.page(call.in(), "child", (after, limit) -> OrgAccountEntity.<OrgAccountEntity>find(
                    "parentId = ?1 and accountId > ?2 order by accountId", parent.id, after).range(0, limit - 1)
                    .list().stream().map(m -> m.accountId).toList(), id -> id);
        } else {
            page = OrgPages.page(call.in(), "child", (after, limit) -> OrgUnitEntity.<OrgUnitEntity>find(
                    "parentId = ?1 and id > ?2 order by id", parent.id, after).range(0, limit - 1).list().stream()
                    .map(u -> u.id).toList(), id -> id);
        }
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("Children");
        page.items().forEach(id -> list.addObject().put("Id", id).put("Type", type));
        return JsonReply.read(AccountOperations.next(out, page));
    }

    JsonReply listParents(OrgCall call) {
        String childId = OrgInput.required(call.in(), "ChildId", 1, 100, OrgInput.CHILD_ID);
        String parentId;
        if (childId.matches("\\d{12}")) {
            OrgAccountEntity member = OrgAccountEntity.findById(childId);
            parentId = member == null ? null : member.parentId;
            call.authorize(Organizations.accountArn(call.org(), childId));
        } else {
            OrgUnitEntity unit = OrgTree.unit(childId);
            parentId = unit == null ? null : unit.parentId;
            call.authorize(unit == null ? Organizations.orgArn(call.org()) : Organizations.unitArn(call.org(), unit));
        }
        if (parentId == null) {
            throw OrgInput.error("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account"
                    + " with the ChildId that you specified.");
        }
        OrgUnitEntity parent = OrgTree.unit(parentId);
        OrgPages.Page<OrgUnitEntity> page = OrgPages.page(call.in(), "parent", List.of(parent), u -> u.id);
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("Parents");
        page.items().forEach(p -> list.addObject().put("Id", p.id).put("Type", p.isRoot() ? "ROOT"
                : "ORGANIZATIONAL_UNIT"));
        return JsonReply.read(AccountOperations.next(out, page));
    }
}
