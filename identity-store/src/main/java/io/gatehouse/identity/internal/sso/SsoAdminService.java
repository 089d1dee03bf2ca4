package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.OrganizationDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM Identity Center administration API (JSON 1.1, {@code SWBExternalService}, signing name
 * {@code sso}, model sso-admin 2020-07-20): the instance, permission sets and their policies,
 * account assignments and provisioning. Only callers of the management account (the instance's
 * owner) are served; each call is authorized as {@code sso:<Operation>} on every resource AWS lists
 * for it (the instance, the permission set, the account {@code arn:aws:sso:::account/<id>}), so a
 * delegated administrator can be given a part of it by policy.
 */
@ApplicationScoped
public class SsoAdminService implements JsonService {
    public static final String TARGET_PREFIX = "SWBExternalService";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<String> OPERATIONS = Set.of("ListInstances", "DescribeInstance",
            "CreatePermissionSet", "DescribePermissionSet", "ListPermissionSets", "UpdatePermissionSet",
            "DeletePermissionSet", "PutInlinePolicyToPermissionSet", "GetInlinePolicyForPermissionSet",
            "DeleteInlinePolicyFromPermissionSet", "AttachManagedPolicyToPermissionSet",
            "DetachManagedPolicyFromPermissionSet", "ListManagedPoliciesInPermissionSet",
            "AttachCustomerManagedPolicyReferenceToPermissionSet",
            "DetachCustomerManagedPolicyReferenceFromPermissionSet",
            "ListCustomerManagedPolicyReferencesInPermissionSet", "PutPermissionsBoundaryToPermissionSet",
            "GetPermissionsBoundaryForPermissionSet", "DeletePermissionsBoundaryFromPermissionSet",
            "CreateAccountAssignment", "DeleteAccountAssignment", "ListAccountAssignments",
            "ListAccountAssignmentsForPrincipal", "ListAccountsForProvisionedPermissionSet",
            "ListPermissionSetsProvisionedToAccount", "ProvisionPermissionSet",
            "DescribeAccountAssignmentCreationStatus", "DescribeAccountAssignmentDeletionStatus",
            "DescribePermissionSetProvisioningStatus", "ListAccountAssignmentCreationStatus",
            "ListAccountAssignmentDeletionStatus", "ListPermissionSetProvisioningStatus", "TagResource",
            "UntagResource", "ListTagsForResource");

    @Inject
    Authorizer authorizer;
    @Inject
    SsoInstances instances;
    @Inject
    OrganizationDirectory organization;
    @Inject
    PermissionSetOperations permissionSets;
    @Inject
    PermissionSetPolicies policies;
    @Inject
    AssignmentOperations assignments;

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "sso";
    }

    @Override
    public String eventSource() {
        return "sso.amazonaws.com";
    }

    @Override
    public boolean handles(String operation) {
        return OPERATIONS.contains(operation);
    }

    /** One call in the instance's terms: the caller's call, the instance, and the authorization step. */
    record SsoCall(JsonCall call, SsoInstances.Instance instance, Authorizer authorizer,
            OrganizationDirectory organization) {
        ObjectNode in() {
            return call.input();
        }

        String operation() {
            return call.operation();
        }

        /** Authorizes the operation on one resource with its condition keys. */
        void authorize(String resourceArn, Map<String, List<String>> context) {
            authorizer.require(call.caller(), call.request(), "sso:" + call.operation(), resourceArn, null, context);
        }

        void authorizeInstance() {
            authorize(instance.arn(), Map.of());
        }

        /** On the account, with its tags (AWS Organizations' account tags) as aws:ResourceTag/*. */
        void authorizeAccount(String accountId) {
            Map<String, List<String>> context = new HashMap<>();
            organization.accountTags(accountId).forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
            authorize(accountArn(accountId), context);
        }

        /** After authorizing on it: an account of the organization that is not closed, else ResourceNotFound. */
        void requireActiveAccount(String accountId) {
            if (!organization.accountActive(accountId)) {
                throw SsoInput.notFound("Account " + accountId + " is not an active account of the organization.");
            }
        }

        String principal() {
            return call.caller().principal().arn();
        }

        /** A change's answer, with the resources it touched for the audit record. */
        JsonReply changed(ObjectNode output, String... arns) {
            List<AwsReply.Resource> resources = new ArrayList<>();
            for (String arn : arns) {
                resources.add(new AwsReply.Resource(arn.contains(":permissionSet/") ? "AWS::SSO::PermissionSet"
                        : arn.contains(":account/") ? "AWS::Organizations::Account" : "AWS::SSO::Instance", arn,
                        instance.ownerAccountId()));
            }
            return new JsonReply(output, false, null, resources);
        }
    }

    @Override
    public JsonReply handle(JsonCall call) {
        SsoInstances.Instance instance = instances.current();
        if (instance == null || !instance.ownerAccountId().equals(call.caller().accountId())) {
            throw new AwsException("AccessDeniedException", 403, "IAM Identity Center is served to the management"
                    + " account only.");
        }
        SsoCall ssoCall = new SsoCall(call, instance, authorizer, organization);
        if (call.operation().equals("ListInstances")) {
            return listInstances(ssoCall);
        }
        String arn = SsoInput.requiredChecked(call.input(), "InstanceArn", 10, 1224, SsoInput.INSTANCE_ARN);
        if (!arn.equals(instance.arn())) {
            ssoCall.authorize(arn, Map.of());
            throw SsoInput.notFound("Instance " + arn + " does not exist.");
        }
        return dispatch(ssoCall);
    }

    private JsonReply dispatch(SsoCall call) {
        return switch (call.operation()) {
            case "DescribeInstance" -> describeInstance(call);
            case "CreatePermissionSet" -> permissionSets.create(call);
            case "DescribePermissionSet" -> permissionSets.describe(call);
            case "ListPermissionSets" -> permissionSets.list(call);
            case "UpdatePermissionSet" -> permissionSets.update(call);
            case "DeletePermissionSet" -> permissionSets.delete(call);
            case "TagResource" -> permissionSets.tag(call);
            case "UntagResource" -> permissionSets.untag(call);
            case "ListTagsForResource" -> permissionSets.listTags(call);
            case "CreateAccountAssignment" -> assignments.create(call);
            case "DeleteAccountAssignment" -> assignments.delete(call);
            case "ListAccountAssignments" -> AssignmentListings.list(call);
            case "ListAccountAssignmentsForPrincipal" -> AssignmentListings.listForPrincipal(call);
            case "ListAccountsForProvisionedPermissionSet" -> AssignmentListings.accountsForPermissionSet(call);
            case "ListPermissionSetsProvisionedToAccount" -> AssignmentListings.permissionSetsInAccount(call);
            case "ProvisionPermissionSet" -> assignments.provision(call);
            case "DescribeAccountAssignmentCreationStatus", "DescribeAccountAssignmentDeletionStatus",
                    "DescribePermissionSetProvisioningStatus" -> RequestStatuses.describeStatus(call);
            case "ListAccountAssignmentCreationStatus", "ListAccountAssignmentDeletionStatus",
                    "ListPermissionSetProvisioningStatus" -> RequestStatuses.listStatus(call);
            default -> policies.handle(call);
        };
    }

    private JsonReply listInstances(SsoCall call) {
        SsoInput.maxResults(call.in(), 100);
        SsoInput.after(call.in(), "instance");
        call.authorize("*", Map.of());
        ObjectNode out = MAPPER.createObjectNode();
        write(out.putArray("Instances").addObject(), call.instance());
        return JsonReply.read(out);
    }

    private JsonReply describeInstance(SsoCall call) {
        call.authorizeInstance();
        ObjectNode out = MAPPER.createObjectNode();
        write(out, call.instance());
        return JsonReply.read(out);
    }

    private static void write(ObjectNode out, SsoInstances.Instance instance) {
        out.put("InstanceArn", instance.arn()).put("IdentityStoreId", instance.storeId())
                .put("OwnerAccountId", instance.ownerAccountId()).put("Name", instance.name())
                .put("CreatedDate", epoch(instance.createdAt())).put("Status", "ACTIVE");
    }

    static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static String accountArn(String accountId) {
        return "arn:aws:sso:::account/" + accountId;
    }
}
