package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.PolicyVersionEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion and
 * SetDefaultPolicyVersion. A policy keeps at most five versions; authorization always uses the
 * default one (compiled and cached by policy id and version id, so a new default takes effect on
 * the next request).
 */
@ApplicationScoped
public class PolicyVersionActions implements IamActionGroup {
    private static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");

    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreatePolicyVersion", this::create, "GetPolicyVersion", this::get,
                "ListPolicyVersions", this::list, "DeletePolicyVersion", this::delete,
                "SetDefaultPolicyVersion", this::setDefault);
    }

    private static PolicyVersionEntity version(AwsCall call, PolicyEntity policy) {
        String id = call.params().required("VersionId");
        Constraints.pattern(id, "versionId", VERSION_ID);
        PolicyVersionEntity version = PolicyVersionEntity.find("policyId = ?1 and versionId = ?2", policy.id, id)
                .firstResult();
        if (version == null) {
            throw AwsException.noSuchEntity("Policy " + policy.arn + " version " + id
                    + " does not exist or is not attachable.");
        }
        return version;
    }

    private static void write(XmlWriter xml, PolicyEntity policy, PolicyVersionEntity version, boolean document) {
        if (document) {
            xml.element("Document", Replies.urlEncoded(version.document));
        }
        xml.element("VersionId", version.versionId).element("IsDefaultVersion",
                version.versionId.equals(policy.defaultVersion)).element("CreateDate", version.createdAt);
    }

    private AwsReply create(AwsCall call) {
        PolicyEntity policy = PolicyActions.authorized(guard, call, "iam:CreatePolicyVersion", Map.of());
        ManagedPolicies.requireChangeable(call, "iam:CreatePolicyVersion", policy);
        String document = ManagedPolicies.document(call.params().required("PolicyDocument"), "policyDocument",
                ManagedPolicies.MAX_DOCUMENT);
        boolean makeDefault = call.params().bool("SetAsDefault").orElse(false);
        if (PolicyVersionEntity.count("policyId", policy.id) >= ManagedPolicies.MAX_VERSIONS) {
            throw AwsException.limitExceeded("A managed policy can have up to " + ManagedPolicies.MAX_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        PolicyVersionEntity version = new PolicyVersionEntity();
        version.policyId = policy.id;
        version.versionId = "v" + policy.nextVersion;
        version.document = document;
        version.createdAt = clock.instant();
        version.persist();
        policy.nextVersion++;
        if (makeDefault) {
            policy.defaultVersion = version.versionId;
        }
        policy.updatedAt = version.createdAt;
        PolicySets.invalidate(policy.accountId);
        XmlWriter xml = new XmlWriter().start("PolicyVersion");
        write(xml, policy, version, false);
        xml.end("PolicyVersion");
        return Replies.write(xml, Map.of("policyVersion", Map.of("versionId", version.versionId,
                "isDefaultVersion", makeDefault)), ManagedPolicies.resource(policy));
    }

    private AwsReply get(AwsCall call) {
        PolicyEntity policy = PolicyActions.authorized(guard, call, "iam:GetPolicyVersion", Map.of());
        PolicyVersionEntity version = version(call, policy);
        XmlWriter xml = new XmlWriter().start("PolicyVersion");
        write(xml, policy, version, true);
        return AwsReply.read(xml.end("PolicyVersion").toString());
    }

    private AwsReply list(AwsCall call) {
        PolicyEntity policy = PolicyActions.authorized(guard, call, "iam:ListPolicyVersions", Map.of());
        Page page = Page.of(call.params());
        String after = page.after() == null ? "" : page.after();
        // Newest first, as AWS lists them; the key sorts versions by number.
        List<PolicyVersionEntity> fetched = PolicyVersionEntity.<PolicyVersionEntity>list("policyId", policy.id).stream()
                .sorted(Comparator.comparing(PolicyVersionActions::sortKey))
                .filter(v -> after.isEmpty() || sortKey(v).compareTo(after) > 0)
                .limit(page.maxItems() + 1L).toList();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Versions", fetched, PolicyVersionActions::sortKey, (x, v) -> write(x, policy, v, false));
        return AwsReply.read(xml.toString());
    }

    /** Descending version number as a fixed-width string (v1..v2147483647). */
    private static String sortKey(PolicyVersionEntity version) {
        String digits = version.versionId.substring(1).replaceFirst("\\..*", "");
        long number = Long.parseLong(digits);
        return String.format("%010d", Integer.MAX_VALUE - number) + version.versionId;
    }

    private AwsReply delete(AwsCall call) {
        PolicyEntity policy = PolicyActions.authorized(guard, call, "iam:DeletePolicyVersion", Map.of());
        ManagedPolicies.requireChangeable(call, "iam:DeletePolicyVersion", policy);
        PolicyVersionEntity version = version(call, policy);
        if (version.versionId.equals(policy.defaultVersion)) {
            throw AwsException.deleteConflict("Cannot delete the default version of a policy.");
        }
        version.delete();
        PolicySets.invalidate(policy.accountId);
        return Replies.write(null, null, ManagedPolicies.resource(policy));
    }

    private AwsReply setDefault(AwsCall call) {
        PolicyEntity policy = PolicyActions.authorized(guard, call, "iam:SetDefaultPolicyVersion", Map.of());
        ManagedPolicies.requireChangeable(call, "iam:SetDefaultPolicyVersion", policy);
        PolicyVersionEntity version = version(call, policy);
        policy.defaultVersion = version.versionId;
        policy.updatedAt = clock.instant();
        PolicySets.invalidate(policy.accountId);
        return Replies.write(null, null, ManagedPolicies.resource(policy));
    }
}
