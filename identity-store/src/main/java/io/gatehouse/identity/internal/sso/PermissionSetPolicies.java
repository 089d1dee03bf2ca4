package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.sso.SsoAdminService.SsoCall;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.PermissionSetPolicyEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * The policies of a permission set: the inline policy (an identity policy the policy engine
 * validates, at most 32,768 characters), AWS managed policies Gatehouse has
 * ({@code arn:aws:iam::aws:policy/...}), customer managed policy references (name and path,
 * resolved in each account when provisioned) and the permissions boundary. At most
 * {@value #MAX_POLICIES} managed policies and references together (ServiceQuotaExceededException).
 * Every change makes the permission set's accounts LATEST_PERMISSION_SET_NOT_PROVISIONED.
 */
@ApplicationScoped
public class PermissionSetPolicies {
    static final int MAX_INLINE = 32_768;
    static final int MAX_POLICIES = 20;
    static final String AWS_POLICY = "arn:aws:iam::aws:policy/";
    private static final PolicyEngine ENGINE = PolicyEngine.create();

    @Inject
    Clock clock;

    JsonReply handle(SsoCall call) {
        return switch (call.operation()) {
            case "PutInlinePolicyToPermissionSet" -> putInline(call);
            case "GetInlinePolicyForPermissionSet" -> getInline(call);
            case "DeleteInlinePolicyFromPermissionSet" -> deleteInline(call);
            case "AttachManagedPolicyToPermissionSet" -> attachManaged(call);
            case "DetachManagedPolicyFromPermissionSet" -> detachManaged(call);
            case "ListManagedPoliciesInPermissionSet" -> list(call, PermissionSetEntity.AWS);
            case "AttachCustomerManagedPolicyReferenceToPermissionSet" -> attachCustomer(call);
            case "DetachCustomerManagedPolicyReferenceFromPermissionSet" -> detachCustomer(call);
            case "ListCustomerManagedPolicyReferencesInPermissionSet" -> list(call, PermissionSetEntity.CUSTOMER);
            case "PutPermissionsBoundaryToPermissionSet" -> putBoundary(call);
            case "GetPermissionsBoundaryForPermissionSet" -> getBoundary(call);
            case "DeletePermissionsBoundaryFromPermissionSet" -> deleteBoundary(call);
            default -> throw new AwsException("UnknownOperationException", 400, "Unknown operation");
        };
    }

    private JsonReply putInline(SsoCall call) {
        String document = SsoInput.requiredChecked(call.in(), "InlinePolicy", 1, MAX_INLINE, SsoInput.POLICY);
        try {
            ENGINE.compile(document, PolicyKind.IDENTITY, MAX_INLINE);
        } catch (MalformedPolicyException e) {
            throw new AwsException("ValidationException", 400, "The policy document is not valid: " + e.getMessage());
        }
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        ps.inlinePolicy = document;
        ps.version++;
        return done(call, ps);
    }

    private JsonReply getInline(SsoCall call) {
        PermissionSetEntity ps = PermissionSetOperations.target(call);
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        if (ps.inlinePolicy != null) {
            out.put("InlinePolicy", ps.inlinePolicy);
        }
        return JsonReply.read(out);
    }

    private JsonReply deleteInline(SsoCall call) {
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        if (ps.inlinePolicy != null) {
            ps.inlinePolicy = null;
            ps.version++;
        }
        return done(call, ps);
    }

    /** An AWS managed policy ARN Gatehouse has, as path and name; others are ResourceNotFoundException. */
    private static String[] awsManaged(String arn) {
        if (!arn.startsWith(AWS_POLICY) || PolicyEntity.count("arn = ?1 and accountId is null", arn) == 0) {
            throw SsoInput.notFound("Policy " + arn + " does not exist or is not an AWS managed policy.");
        }
        String rest = arn.substring("arn:aws:iam::aws:policy".length());
        int slash = rest.lastIndexOf('/');
        return new String[] {rest.substring(0, slash + 1), rest.substring(slash + 1)};
    }

    private JsonReply attachManaged(SsoCall call) {
        String arn = SsoInput.requiredChecked(call.in(), "ManagedPolicyArn", 20, 2048, null);
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        String[] pathName = awsManaged(arn);
        attach(ps, PermissionSetEntity.AWS, pathName[1], pathName[0], "Managed policy " + arn);
        return done(call, ps);
    }

    private JsonReply detachManaged(SsoCall call) {
        String arn = SsoInput.requiredChecked(call.in(), "ManagedPolicyArn", 20, 2048, null);
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        String[] pathName = arn.startsWith(AWS_POLICY) ? awsManaged(arn) : new String[] {"", ""};
        detach(ps, PermissionSetEntity.AWS, pathName[1], pathName[0], "Managed policy " + arn);
        return done(call, ps);
    }

    /** CustomerManagedPolicyReference {Name, Path (default /)}. */
    private static String[] reference(JsonNode node) {
        String name = SsoInput.requiredChecked(node, "Name", 1, 128, SsoInput.NAME);
        String path = SsoInput.checked(node, "Path", 1, 512, SsoInput.POLICY_PATH);
        return new String[] {path == null ? "/" : path, name};
    }

    private JsonReply attachCustomer(SsoCall call) {
        String[] ref = reference(SsoInput.requiredObject(call.in(), "CustomerManagedPolicyReference"));
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        attach(ps, PermissionSetEntity.CUSTOMER, ref[1], ref[0], "Customer managed policy reference " + ref[0]
                + ref[1]);
        return done(call, ps);
    }

    private JsonReply detachCustomer(SsoCall call) {
        String[] ref = reference(SsoInput.requiredObject(call.in(), "CustomerManagedPolicyReference"));
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        detach(ps, PermissionSetEntity.CUSTOMER, ref[1], ref[0], "Customer managed policy reference " + ref[0]
                + ref[1]);
        return done(call, ps);
    }

    private void attach(PermissionSetEntity ps, String kind, String name, String path, String what) {
        if (PermissionSetPolicyEntity.count("permissionSetId = ?1 and kind = ?2 and name = ?3 and path = ?4", ps.id,
                kind, name, path) > 0) {
            throw SsoInput.conflict(what + " is already attached to the permission set.");
        }
        if (PermissionSetPolicyEntity.count("permissionSetId", ps.id) >= MAX_POLICIES) {
            throw new AwsException("ServiceQuotaExceededException", 402, "A permission set can have at most "
                    + MAX_POLICIES + " managed policies and customer managed policy references.");
        }
        PermissionSetPolicyEntity policy = new PermissionSetPolicyEntity();
        policy.permissionSetId = ps.id;
        policy.kind = kind;
        policy.name = name;
        policy.path = path;
        policy.attachedAt = clock.instant();
        policy.persist();
        ps.version++;
    }

    private static void detach(PermissionSetEntity ps, String kind, String name, String path, String what) {
        long removed = PermissionSetPolicyEntity.delete("permissionSetId = ?1 and kind = ?2 and name = ?3 and path = ?4",
                ps.id, kind, name, path);
        if (removed == 0) {
            throw SsoInput.notFound(what + " is not attached to the permission set.");
        }
        ps.version++;
    }

    private JsonReply list(SsoCall call, String kind) {
        int max = SsoInput.maxResults(call.in(), 100);
        String after = SsoInput.after(call.in(), "policy");
        int offset = after.isEmpty() ? 0 : parseOffset(after);
        PermissionSetEntity ps = PermissionSetOperations.target(call);
        List<PermissionSetPolicyEntity> all = policies(ps.id, kind);
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode items = out.putArray(kind.equals(PermissionSetEntity.AWS) ? "AttachedManagedPolicies"
                : "CustomerManagedPolicyReferences");
        all.stream().skip(offset).limit(max).forEach(p -> {
            if (kind.equals(PermissionSetEntity.AWS)) {
                items.addObject().put("Name", p.name).put("Arn", p.awsArn());
            } else {
                items.addObject().put("Name", p.name).put("Path", p.path);
            }
        });
        if (all.size() > offset + max) {
            out.put("NextToken", SsoInput.token("policy", Integer.toString(offset + max)));
        }
        return JsonReply.read(out);
    }

    private static int parseOffset(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new AwsException("ValidationException", 400, "The NextToken is not valid.");
        }
    }

    /** The permission set's policies of one kind, by name and path. */
    static List<PermissionSetPolicyEntity> policies(String permissionSetId, String kind) {
        return PermissionSetPolicyEntity.list("permissionSetId = ?1 and kind = ?2 order by name, path",
                permissionSetId, kind);
    }

    /** PermissionsBoundary: exactly one of CustomerManagedPolicyReference and ManagedPolicyArn. */
    private JsonReply putBoundary(SsoCall call) {
        JsonNode boundary = SsoInput.requiredObject(call.in(), "PermissionsBoundary");
        JsonNode reference = SsoInput.object(boundary, "CustomerManagedPolicyReference");
        String arn = SsoInput.checked(boundary, "ManagedPolicyArn", 20, 2048, null);
        if ((reference == null) == (arn == null)) {
            throw SsoInput.validation("Value at 'permissionsBoundary' failed to satisfy constraint: Exactly one of"
                    + " CustomerManagedPolicyReference and ManagedPolicyArn must be set");
        }
        String[] ref = reference != null ? reference(reference) : null;
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        String[] pathName = ref != null ? ref : awsManaged(arn);
        ps.boundaryKind = ref != null ? PermissionSetEntity.CUSTOMER : PermissionSetEntity.AWS;
        ps.boundaryPath = pathName[0];
        ps.boundaryName = pathName[1];
        ps.version++;
        return done(call, ps);
    }

    private JsonReply getBoundary(SsoCall call) {
        PermissionSetEntity ps = PermissionSetOperations.target(call);
        if (ps.boundaryKind == null) {
            throw SsoInput.notFound("The permission set " + ps.arn() + " has no permissions boundary.");
        }
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ObjectNode boundary = out.putObject("PermissionsBoundary");
        if (ps.boundaryKind.equals(PermissionSetEntity.AWS)) {
            boundary.put("ManagedPolicyArn", "arn:aws:iam::aws:policy" + ps.boundaryPath + ps.boundaryName);
        } else {
            boundary.putObject("CustomerManagedPolicyReference").put("Name", ps.boundaryName)
                    .put("Path", ps.boundaryPath);
        }
        return JsonReply.read(out);
    }

    private JsonReply deleteBoundary(SsoCall call) {
        PermissionSetEntity ps = PermissionSetOperations.lockedTarget(call);
        if (ps.boundaryKind == null) {
            throw SsoInput.notFound("The permission set " + ps.arn() + " has no permissions boundary.");
        }
        ps.boundaryKind = null;
        ps.boundaryName = null;
        ps.boundaryPath = null;
        ps.version++;
        return done(call, ps);
    }

    private static JsonReply done(SsoCall call, PermissionSetEntity ps) {
        return call.changed(SsoAdminService.MAPPER.createObjectNode(), ps.arn());
    }
}
