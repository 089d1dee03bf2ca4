package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.api.scim.ScimPipeline.Call;
import io.gatehouse.identity.api.scim.ScimPipeline.Reply;
import io.gatehouse.identity.internal.workforce.Directory;
import io.gatehouse.identity.persistence.WsExternalIdEntity;
import io.gatehouse.identity.persistence.WsGroupEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SCIM operations on Users and Groups (RFC 7644 section 3): create, get, list with filter and
 * startIndex/count pagination, replace (PUT), patch and delete; {@code If-Match} with a version
 * other than the resource's is 412. Deactivating a user ({@code active: false}) or deleting it
 * takes its access away at once: {@code WorkforceDirectory} reads the row on every check.
 */
@ApplicationScoped
class ScimOperations {
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final int MAX_COUNT = 1000;

    @Inject
    Directory directory;
    @Inject
    ScimUsers users;
    @Inject
    ScimGroups groups;

    /** The pagination parameters: startIndex from 1, count from 0 to {@link #MAX_COUNT}. */
    record Paging(int startIndex, int count) {
        static Paging of(String startIndex, String count) {
            int start = parse(startIndex, 1, "startIndex");
            int size = parse(count, 100, "count");
            return new Paging(Math.max(1, start), Math.max(0, Math.min(MAX_COUNT, size)));
        }

        private static int parse(String text, int dflt, String name) {
            if (text == null || text.isBlank()) {
                return dflt;
            }
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw ScimException.badRequest("invalidValue", name + " must be an integer");
            }
        }
    }

    private static void checkVersion(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String bare = tag.trim().replaceFirst("^W/", "");
            if (bare.equals("\"" + version + "\"")) {
                return;
            }
        }
        throw new ScimException(412, null, "The resource changed: its version is " + ScimUsers.etag(version));
    }

    // --- Users

    Reply createUser(Call call, ObjectNode doc) {
        WsUserEntity user = directory.newUser(call.storeId());
        String externalId = users.read(doc, user);
        directory.save(user, call.actor());
        users.externalId(WsExternalIdEntity.USER, user.id, externalId);
        return created(users.write(user, call.base()), user.version, "AWS::IdentityStore::User", user.id);
    }

    Reply getUser(Call call, String id) {
        WsUserEntity user = directory.user(call.storeId(), id);
        return Reply.ok(users.write(user, call.base()), ScimUsers.etag(user.version));
    }

    Reply listUsers(Call call, String filter, Paging paging) {
        return list(call, filter, paging, ScimUsers.FILTERS, WsUserEntity.class,
                page -> users.writeAll(page, call.base()));
    }

    Reply replaceUser(Call call, String id, ObjectNode doc, String ifMatch) {
        WsUserEntity user = directory.userForUpdate(call.storeId(), id);
        checkVersion(ifMatch, user.version);
        String externalId = users.read(doc, user);
        directory.save(user, call.actor());
        users.externalId(WsExternalIdEntity.USER, user.id, externalId);
        return changed(users.write(user, call.base()), user.version, "AWS::IdentityStore::User", user.id);
    }

    Reply patchUser(Call call, String id, ObjectNode body, String ifMatch) {
        WsUserEntity user = directory.userForUpdate(call.storeId(), id);
        checkVersion(ifMatch, user.version);
        ObjectNode doc = users.write(user, call.base());
        for (JsonNode operation : ScimPatch.operations(body)) {
            String path = operation.hasNonNull("path") ? operation.get("path").asText() : null;
            ScimPatch.apply(doc, ScimPatch.op(operation), path, operation.get("value"));
        }
        String externalId = users.read(doc, user);
        directory.save(user, call.actor());
        users.externalId(WsExternalIdEntity.USER, user.id, externalId);
        return changed(users.write(user, call.base()), user.version, "AWS::IdentityStore::User", user.id);
    }

    Reply deleteUser(Call call, String id, String ifMatch) {
        WsUserEntity user = directory.userForUpdate(call.storeId(), id);
        checkVersion(ifMatch, user.version);
        directory.delete(user);
        return new Reply(204, null, null, "AWS::IdentityStore::User", id);
    }

    // --- Groups

    Reply createGroup(Call call, ObjectNode doc) {
        WsGroupEntity group = directory.newGroup(call.storeId());
        String externalId = groups.read(doc, group);
        directory.save(group, call.actor());
        users.externalId(WsExternalIdEntity.GROUP, group.id, externalId);
        groups.addMembers(group, ScimGroups.memberIds(doc.get(ScimPatch.key(doc, "members"))));
        return created(groups.write(group, call.base(), true), group.version, "AWS::IdentityStore::Group", group.id);
    }

    Reply getGroup(Call call, String id, boolean withMembers) {
        WsGroupEntity group = directory.group(call.storeId(), id);
        return Reply.ok(groups.write(group, call.base(), withMembers), ScimUsers.etag(group.version));
    }

    Reply listGroups(Call call, String filter, Paging paging, boolean withMembers) {
        return list(call, filter, paging, ScimGroups.FILTERS, WsGroupEntity.class,
                page -> page.stream().map(g -> groups.write(g, call.base(), withMembers)).toList());
    }

    Reply replaceGroup(Call call, String id, ObjectNode doc, String ifMatch) {
        WsGroupEntity group = directory.groupForUpdate(call.storeId(), id);
        checkVersion(ifMatch, group.version);
        String externalId = groups.read(doc, group);
        directory.save(group, call.actor());
        users.externalId(WsExternalIdEntity.GROUP, group.id, externalId);
        groups.replaceMembers(group, ScimGroups.memberIds(doc.get(ScimPatch.key(doc, "members"))));
        return changed(groups.write(group, call.base(), true), group.version, "AWS::IdentityStore::Group", group.id);
    }

    /** Answers 204 as Entra and Okta accept (RFC 7644 allows 200 with the resource or 204). */
    Reply patchGroup(Call call, String id, ObjectNode body, String ifMatch) {
        WsGroupEntity group = directory.groupForUpdate(call.storeId(), id);
        checkVersion(ifMatch, group.version);
        groups.patch(group, ScimPatch.operations(body), call.base());
        directory.save(group, call.actor());
        return new Reply(204, null, ScimUsers.etag(group.version), "AWS::IdentityStore::Group", group.id);
    }

    Reply deleteGroup(Call call, String id, String ifMatch) {
        WsGroupEntity group = directory.groupForUpdate(call.storeId(), id);
        checkVersion(ifMatch, group.version);
        directory.delete(group);
        return new Reply(204, null, null, "AWS::IdentityStore::Group", id);
    }

    // --- Shared

    private static Reply created(ObjectNode body, long version, String type, String id) {
        return new Reply(201, body, ScimUsers.etag(version), type, id);
    }

    private static Reply changed(ObjectNode body, long version, String type, String id) {
        return new Reply(200, body, ScimUsers.etag(version), type, id);
    }

    private static <E> Reply list(Call call, String filter, Paging paging,
            Map<String, ScimFilter.Attribute> attributes, Class<E> type, Function<List<E>, List<ObjectNode>> write) {
        String where = "r.storeId = ?1";
        List<Object> parameters = new ArrayList<>();
        parameters.add(call.storeId());
        if (filter != null && !filter.isBlank()) {
            ScimFilter.Compiled compiled = ScimFilter.compile(filter, attributes, 2);
            where += " and " + compiled.where();
            parameters.addAll(compiled.parameters());
        }
        String entity = type.getSimpleName();
        List<E> page = List.of();
        if (paging.count() > 0) {
            var query = WsUserEntity.getEntityManager().createQuery("select r from " + entity + " r where " + where
                    + " order by r.id", type);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            page = query.setFirstResult(paging.startIndex() - 1).setMaxResults(paging.count()).getResultList();
        }
        // A first page that is not full holds every match: no count query (the usual filtered lookup).
        long total = paging.startIndex() == 1 && page.size() < paging.count() ? page.size()
                : count(entity, where, parameters);
        ObjectNode out = ScimUsers.MAPPER.createObjectNode();
        out.putArray("schemas").add(LIST_SCHEMA);
        out.put("totalResults", total);
        ArrayNode resources = out.putArray("Resources");
        write.apply(page).forEach(resources::add);
        out.put("startIndex", paging.startIndex());
        out.put("itemsPerPage", resources.size());
        return Reply.ok(out, null);
    }

    private static long count(String entity, String where, List<Object> parameters) {
        var query = WsUserEntity.getEntityManager().createQuery("select count(r) from " + entity + " r where "
                + where, Long.class);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.getSingleResult();
    }
}
