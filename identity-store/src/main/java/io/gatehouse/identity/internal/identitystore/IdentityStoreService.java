package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.internal.workforce.DirectoryException;
import io.gatehouse.identity.internal.workforce.IdentityStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Identity Store API (JSON 1.1, {@code AWSIdentityStore}, API version 2020-06-15) on the
 * workforce directory: users, groups and memberships of the instance's one identity store. Only
 * callers of the management account are served (the store is its), each call authorized with
 * {@code identitystore:<Operation>} on the identity store's ARN and, for calls on one user, group
 * or membership, on that resource's ARN too. Refusals carry the model's codes:
 * ValidationException, ResourceNotFoundException (an unknown IdentityStoreId is one too),
 * ConflictException, AccessDeniedException.
 */
@ApplicationScoped
public class IdentityStoreService implements JsonService {
    public static final String TARGET_PREFIX = "AWSIdentityStore";
    static final Set<String> OPERATIONS = Set.of("CreateUser", "DescribeUser", "ListUsers", "UpdateUser",
            "DeleteUser", "GetUserId", "CreateGroup", "DescribeGroup", "ListGroups", "UpdateGroup", "DeleteGroup",
            "GetGroupId", "CreateGroupMembership", "DeleteGroupMembership", "DescribeGroupMembership",
            "GetGroupMembershipId", "ListGroupMemberships", "ListGroupMembershipsForMember", "IsMemberInGroups");

    @Inject
    Authorizer authorizer;
    @Inject
    IdentityStores stores;
    @Inject
    UserOperations users;
    @Inject
    GroupOperations groups;
    @Inject
    MembershipOperations memberships;

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "identitystore";
    }

    @Override
    public String eventSource() {
        return "identitystore.amazonaws.com";
    }

    @Override
    public boolean handles(String operation) {
        return OPERATIONS.contains(operation);
    }

    /** One call in the store's terms: the caller's call, the store, and the authorization step. */
    record StoreCall(JsonCall call, IdentityStores.Store store, Authorizer authorizer) {
        ObjectNode in() {
            return call.input();
        }

        /** Authorizes the operation on the store and, when given, on one resource of it. */
        void authorize(String resourceArn) {
            String action = "identitystore:" + call.operation();
            authorizer.require(call.caller(), call.request(), action, store.arn(), null, Map.of());
            if (resourceArn != null) {
                authorizer.require(call.caller(), call.request(), action, resourceArn, null, Map.of());
            }
        }

        /** A change's answer, with the resource it touched for the audit record. */
        JsonReply changed(ObjectNode output, String type, String arn) {
            return new JsonReply(output, false, null, List.of(new AwsReply.Resource(type, arn,
                    store.accountId())));
        }
    }

    @Override
    public JsonReply handle(JsonCall call) {
        IdentityStores.Store store = stores.current();
        if (store == null || !store.accountId().equals(call.caller().accountId())) {
            throw new AwsException("AccessDeniedException", 403, "The identity store is served to the management"
                    + " account only.");
        }
        String id = StoreInput.requiredChecked(call.input(), "IdentityStoreId", "identityStoreId", 36,
                StoreInput.IDENTITY_STORE_ID);
        StoreCall storeCall = new StoreCall(call, store, authorizer);
        if (!id.equals(store.id())) {
            storeCall.authorize(null);
            throw notFound("IDENTITY_STORE", "IDENTITY_STORE not found.");
        }
        try {
            return dispatch(storeCall);
        } catch (DirectoryException e) {
            throw translate(e);
        }
    }

    private JsonReply dispatch(StoreCall call) {
        return switch (call.call().operation()) {
            case "CreateUser" -> users.create(call);
            case "DescribeUser" -> users.describe(call);
            case "ListUsers" -> users.list(call);
            case "UpdateUser" -> users.update(call);
            case "DeleteUser" -> users.delete(call);
            case "GetUserId" -> users.getId(call);
            case "CreateGroup" -> groups.create(call);
            case "DescribeGroup" -> groups.describe(call);
            case "ListGroups" -> groups.list(call);
            case "UpdateGroup" -> groups.update(call);
            case "DeleteGroup" -> groups.delete(call);
            case "GetGroupId" -> groups.getId(call);
            case "CreateGroupMembership" -> memberships.create(call);
            case "DeleteGroupMembership" -> memberships.delete(call);
            case "DescribeGroupMembership" -> memberships.describe(call);
            case "GetGroupMembershipId" -> memberships.getId(call);
            case "ListGroupMemberships" -> memberships.listForGroup(call);
            case "ListGroupMembershipsForMember" -> memberships.listForMember(call);
            case "IsMemberInGroups" -> memberships.isMemberInGroups(call);
            default -> throw new AwsException("UnknownOperationException", 400, "Unknown operation");
        };
    }

    static AwsException translate(DirectoryException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> notFound(e.resourceType(), e.getMessage());
            case CONFLICT -> new AwsException("ConflictException", 409, e.getMessage());
            case INVALID -> new AwsException("ValidationException", 400, e.getMessage());
        };
    }

    static AwsException notFound(String type, String message) {
        return new AwsException("ResourceNotFoundException", 404, message);
    }

    static String userArn(String id) {
        return "arn:aws:identitystore:::user/" + id;
    }

    static String groupArn(String id) {
        return "arn:aws:identitystore:::group/" + id;
    }

    static String membershipArn(String id) {
        return "arn:aws:identitystore:::membership/" + id;
    }
}
