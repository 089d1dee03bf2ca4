package io.gatehouse.identity.internal.sso;

import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.internal.iam.Arns;
import io.gatehouse.identity.internal.iam.Tags;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.PermissionSetPolicyEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.ProvisionedPermissionSetEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Carries a permission set into an account as AWS does: the IAM role
 * {@code AWSReservedSSO_<name>_<16 hex>} under {@value #PATH} (the 16 hex digits stable per
 * permission set and account) with the inline policy as {@value #INLINE_NAME}, the AWS managed
 * policies and the account's customer managed policies the references name attached, the
 * permissions boundary, and MaxSessionDuration the session duration. Its trust policy trusts
 * only Gatehouse's access portal, the service principal {@value #PORTAL_PRINCIPAL}. Every policy
 * is resolved before anything changes, so a customer managed policy missing in the account fails
 * the provisioning with a reason and leaves the account as it was.
 */
@ApplicationScoped
public class Provisioning {
    public static final String PATH = "/aws-reserved/sso.amazonaws.com/";
    static final String INLINE_NAME = "AwsSSOInlinePolicy";
    static final String PORTAL_PRINCIPAL = "sso.amazonaws.com";
    static final String TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"" + PORTAL_PRINCIPAL + "\"},"
            + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    @Inject
    Clock clock;

    /** A provisioning that could not be done, with AWS's kind of reason. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The role name in the account: {@code AWSReservedSSO_<name>_<16 hex of the permission set and account>}. */
    static String roleName(PermissionSetEntity ps, String accountId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((ps.id + "/" + accountId)
                    .getBytes(StandardCharsets.UTF_8));
            return "AWSReservedSSO_" + ps.name + "_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Creates or brings up to date the permission set's role in the account. */
    void provision(PermissionSetEntity ps, String accountId) throws Failure {
        List<PolicyEntity> attached = new ArrayList<>();
        for (PermissionSetPolicyEntity p : PermissionSetPolicies.policies(ps.id, PermissionSetEntity.AWS)) {
            attached.add(resolve(PermissionSetEntity.AWS, p.name, p.path, accountId));
        }
        for (PermissionSetPolicyEntity p : PermissionSetPolicies.policies(ps.id, PermissionSetEntity.CUSTOMER)) {
            attached.add(resolve(PermissionSetEntity.CUSTOMER, p.name, p.path, accountId));
        }
        PolicyEntity boundary = ps.boundaryKind == null ? null
                : resolve(ps.boundaryKind, ps.boundaryName, ps.boundaryPath, accountId);
        String name = roleName(ps, accountId);
        RoleEntity role = RoleEntity.byName(accountId, name).orElse(null);
        if (role == null) {
            role = new RoleEntity();
            role.id = AwsIds.roleId();
            role.accountId = accountId;
            role.name = name;
            role.nameLower = name.toLowerCase(Locale.ROOT);
            role.path = PATH;
            role.arn = Arns.iam(accountId, "role", PATH, name);
            role.createdAt = clock.instant();
        }
        // Whatever a role of this name held before (one made through IAM before the path was
        // protected, say) is replaced: only the permission set speaks for it.
        Tags.removeAll(role.id);
        role.description = null;
        role.trustPolicy = TRUST_POLICY;
        role.maxSessionDuration = ps.sessionSeconds;
        role.boundaryArn = boundary == null ? null : boundary.arn;
        role.persist();
        InlinePolicyEntity.delete("principalId", role.id);
        if (ps.inlinePolicy != null) {
            InlinePolicyEntity inline = new InlinePolicyEntity();
            inline.principalId = role.id;
            inline.nameLower = INLINE_NAME.toLowerCase(Locale.ROOT);
            inline.name = INLINE_NAME;
            inline.principalType = "ROLE";
            inline.document = ps.inlinePolicy;
            inline.persist();
        }
        AttachmentEntity.delete("principalId", role.id);
        for (PolicyEntity policy : attached) {
            AttachmentEntity attachment = new AttachmentEntity();
            attachment.principalId = role.id;
            attachment.policyId = policy.id;
            attachment.principalType = "ROLE";
            attachment.persist();
        }
        PolicySets.invalidate(accountId);
        ProvisionedPermissionSetEntity row = ProvisionedPermissionSetEntity.findById(key(ps.id, accountId));
        if (row == null) {
            row = new ProvisionedPermissionSetEntity();
            row.permissionSetId = ps.id;
            row.accountId = accountId;
        }
        row.roleName = role.name;
        row.roleArn = role.arn;
        row.version = ps.version;
        row.provisionedAt = clock.instant();
        row.persist();
    }

    /** Removes the permission set's role (with its policies) from the account. */
    void remove(PermissionSetEntity ps, String accountId) {
        RoleEntity.byName(accountId, roleName(ps, accountId)).ifPresent(role -> {
            InlinePolicyEntity.delete("principalId", role.id);
            AttachmentEntity.delete("principalId", role.id);
            Tags.removeAll(role.id);
            role.delete();
        });
        PolicySets.invalidate(accountId);
        ProvisionedPermissionSetEntity.delete("permissionSetId = ?1 and accountId = ?2", ps.id, accountId);
    }

    private static ProvisionedPermissionSetEntity.Key key(String permissionSetId, String accountId) {
        ProvisionedPermissionSetEntity.Key key = new ProvisionedPermissionSetEntity.Key();
        key.permissionSetId = permissionSetId;
        key.accountId = accountId;
        return key;
    }

    /** An AWS managed policy, or the account's customer managed policy with this name and path. */
    private static PolicyEntity resolve(String kind, String name, String path, String accountId) throws Failure {
        if (kind.equals(PermissionSetEntity.AWS)) {
            String arn = "arn:aws:iam::aws:policy" + path + name;
            return PolicyEntity.<PolicyEntity>find("arn = ?1 and accountId is null", arn).firstResultOptional()
                    .orElseThrow(() -> new Failure("Received a 404 status error: Policy " + arn + " does not exist."));
        }
        PolicyEntity policy = PolicyEntity.<PolicyEntity>find("accountId = ?1 and nameLower = ?2 and path = ?3",
                accountId, name.toLowerCase(Locale.ROOT), path).firstResult();
        if (policy == null) {
            throw new Failure("Received a 404 status error: Policy arn:aws:iam::" + accountId + ":policy" + path + name
                    + " does not exist or is not attachable.");
        }
        return policy;
    }
}
