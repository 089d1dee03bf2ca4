package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.persistence.OrgEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Organizations (JSON 1.1, {@code AWSOrganizationsV20161128}, API version 2016-11-28), the
 * subset of one organization: accounts, organizational units, service control policies and tags.
 * Only callers of the management account are served (others get AccessDeniedException, as AWS
 * answers member accounts); each call is authorized as {@code organizations:<Operation>} on the
 * resource's ARN (the organization's when the operation names none). Refusals carry the model's
 * codes, with {@code Reason} where the model has one.
 */
@ApplicationScoped
public class OrganizationsService implements JsonService {
    public static final String TARGET_PREFIX = "AWSOrganizationsV20161128";
    static final Set<String> OPERATIONS = Set.of("DescribeOrganization", "CreateOrganization", "CreateAccount",
            "DescribeCreateAccountStatus", "ListCreateAccountStatus", "ListAccounts", "DescribeAccount",
            "CloseAccount", "ListAccountsForParent", "MoveAccount", "CreateOrganizationalUnit",
            "DescribeOrganizationalUnit", "UpdateOrganizationalUnit", "DeleteOrganizationalUnit",
            "ListOrganizationalUnitsForParent", "ListRoots", "ListChildren", "ListParents", "CreatePolicy",
            "DescribePolicy", "UpdatePolicy", "DeletePolicy", "ListPolicies", "AttachPolicy", "DetachPolicy",
            "ListPoliciesForTarget", "ListTargetsForPolicy", "TagResource", "UntagResource", "ListTagsForResource");

    @Inject
    Authorizer authorizer;
    @Inject
    Organizations organizations;
    @Inject
    AccountOperations accounts;
    @Inject
    UnitOperations units;
    @Inject
    PolicyOperations policies;
    @Inject
    TagOperations tags;

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "organizations";
    }

    @Override
    public String eventSource() {
        return "organizations.amazonaws.com";
    }

    @Override
    public boolean handles(String operation) {
        return OPERATIONS.contains(operation);
    }

    /** One call in the organization's terms: the caller's call, the organization, and authorization. */
    record OrgCall(JsonCall call, OrgEntity org, Authorizer authorizer) {
        ObjectNode in() {
            return call.input();
        }

        String operation() {
            return call.operation();
        }

        /** Authorizes the operation on a resource ARN with action-specific context keys. */
        void authorize(String resourceArn, Map<String, List<String>> context) {
            authorizer.require(call.caller(), call.request(), "organizations:" + call.operation(), resourceArn, null,
                    context);
        }

        void authorize(String resourceArn) {
            authorize(resourceArn, Map.of());
        }

        /** Authorizes another action the call needs (CreateAccount with Tags needs TagResource too). */
        void authorizeAlso(String action, String resourceArn, Map<String, List<String>> context) {
            authorizer.require(call.caller(), call.request(), action, resourceArn, null, context);
        }

        /** Authorizes on the organization's ARN (operations that name no resource). */
        void authorizeOrganization() {
            authorize(Organizations.orgArn(org));
        }

        /** A change's answer, with the resource it touched for the audit record. */
        JsonReply changed(ObjectNode output, String type, String arn) {
            return new JsonReply(output, false, null, List.of(new AwsReply.Resource(type, arn,
                    org.managementAccountId)));
        }
    }

    @Override
    public JsonReply handle(JsonCall call) {
        OrgEntity org = organizations.current();
        if (org == null) {
            throw new AwsException("AWSOrganizationsNotInUseException", 400, "Your account is not a member of an"
                    + " organization.");
        }
        if (!org.managementAccountId.equals(call.caller().accountId())) {
            throw AwsException.accessDenied("You don't have permissions to access this resource.");
        }
        OrgCall orgCall = new OrgCall(call, org, authorizer);
        return switch (call.operation()) {
            case "DescribeOrganization" -> describeOrganization(orgCall);
            case "CreateOrganization" -> {
                orgCall.authorizeOrganization();
                throw OrgInput.error("AlreadyInOrganizationException", "The provided account is already a member of"
                        + " an organization.");
            }
            case "CreateAccount" -> accounts.create(orgCall);
            case "DescribeCreateAccountStatus" -> accounts.describeStatus(orgCall);
            case "ListCreateAccountStatus" -> accounts.listStatus(orgCall);
            case "ListAccounts" -> accounts.list(orgCall);
            case "DescribeAccount" -> accounts.describe(orgCall);
            case "CloseAccount" -> accounts.close(orgCall);
            case "ListAccountsForParent" -> accounts.listForParent(orgCall);
            case "MoveAccount" -> accounts.move(orgCall);
            case "CreateOrganizationalUnit" -> units.create(orgCall);
            case "DescribeOrganizationalUnit" -> units.describe(orgCall);
            case "UpdateOrganizationalUnit" -> units.update(orgCall);
            case "DeleteOrganizationalUnit" -> units.delete(orgCall);
            case "ListOrganizationalUnitsForParent" -> units.listForParent(orgCall);
            case "ListRoots" -> units.listRoots(orgCall);
            case "ListChildren" -> units.listChildren(orgCall);
            case "ListParents" -> units.listParents(orgCall);
            case "CreatePolicy" -> policies.create(orgCall);
            case "DescribePolicy" -> policies.describe(orgCall);
            case "UpdatePolicy" -> policies.update(orgCall);
            case "DeletePolicy" -> policies.delete(orgCall);
            case "ListPolicies" -> policies.list(orgCall);
            case "AttachPolicy" -> policies.attach(orgCall);
            case "DetachPolicy" -> policies.detach(orgCall);
            case "ListPoliciesForTarget" -> policies.listForTarget(orgCall);
            case "ListTargetsForPolicy" -> policies.listTargets(orgCall);
            case "TagResource" -> tags.tag(orgCall);
            case "UntagResource" -> tags.untag(orgCall);
            case "ListTagsForResource" -> tags.list(orgCall);
            default -> throw new AwsException("UnknownOperationException", 400, "Unknown operation");
        };
    }

    private JsonReply describeOrganization(OrgCall call) {
        call.authorizeOrganization();
        OrgEntity org = call.org();
        io.gatehouse.identity.persistence.AccountEntity management =
                io.gatehouse.identity.persistence.AccountEntity.findById(org.managementAccountId);
        ObjectNode organization = OrgWire.object();
        organization.put("Id", org.id);
        organization.put("Arn", Organizations.orgArn(org));
        organization.put("FeatureSet", "ALL");
        organization.put("MasterAccountArn", Organizations.accountArn(org, org.managementAccountId));
        organization.put("MasterAccountId", org.managementAccountId);
        if (management != null && management.email != null) {
            organization.put("MasterAccountEmail", management.email);
        }
        organization.putArray("AvailablePolicyTypes").addObject().put("Type", Organizations.SCP)
                .put("Status", "ENABLED");
        ObjectNode out = OrgWire.object();
        out.set("Organization", organization);
        return JsonReply.read(out);
    }
}
