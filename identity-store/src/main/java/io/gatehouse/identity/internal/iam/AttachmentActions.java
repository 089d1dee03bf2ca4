package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.iam.PolicyHolder.Kind;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attach, Detach and ListAttached for users, groups and roles (at most ten managed policies each),
 * and ListEntitiesForPolicy. Attaching is authorized on the user, group or role with the
 * {@code iam:PolicyARN} condition key set to the policy's ARN, as AWS does.
 */
@ApplicationScoped
public class AttachmentActions implements IamActionGroup {
    static final int MAX_ATTACHED = 10;

    @Inject
    Guard guard;

    @Override
    public Map<String, IamAction> actions() {
        Map<String, IamAction> actions = new HashMap<>();
        for (Kind kind : Kind.values()) {
            actions.put("Attach" + kind.title + "Policy", call -> attach(call, kind));
            actions.put("Detach" + kind.title + "Policy", call -> detach(call, kind));
            actions.put("ListAttached" + kind.title + "Policies", call -> list(call, kind));
        }
        actions.put("ListEntitiesForPolicy", call -> PolicyEntities.list(guard, call));
        return actions;
    }

    private PolicyHolder holder(AwsCall call, Kind kind, String action, String policyArn) {
        return PolicyHolder.authorized(guard, call, kind, action, Map.of("iam:PolicyARN", List.of(policyArn)));
    }

    private AwsReply attach(AwsCall call, Kind kind) {
        String policyArn = ManagedPolicies.arn(call, "PolicyArn");
        PolicyHolder holder = holder(call, kind, "iam:Attach" + kind.title + "Policy", policyArn);
        PolicyEntity policy = ManagedPolicies.visible(holder.accountId(), policyArn);
        if (policy == null) {
            throw AwsException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
        if (AttachmentEntity.count("principalId = ?1 and policyId = ?2", holder.id(), policy.id) > 0) {
            return Replies.write(null, null, holder.resource(), ManagedPolicies.resource(policy)); // idempotent, as in AWS
        }
        if (AttachmentEntity.count("principalId", holder.id()) >= MAX_ATTACHED) {
            throw AwsException.limitExceeded("Cannot exceed quota for PoliciesPer" + kind.title + ": " + MAX_ATTACHED);
        }
        AttachmentEntity attachment = new AttachmentEntity();
        attachment.principalId = holder.id();
        attachment.policyId = policy.id;
        attachment.principalType = holder.type();
        attachment.persist();
        PolicySets.invalidate(holder.accountId());
        return Replies.write(null, null, holder.resource(), ManagedPolicies.resource(policy));
    }

    private AwsReply detach(AwsCall call, Kind kind) {
        String policyArn = ManagedPolicies.arn(call, "PolicyArn");
        PolicyHolder holder = holder(call, kind, "iam:Detach" + kind.title + "Policy", policyArn);
        PolicyEntity policy = ManagedPolicies.visible(holder.accountId(), policyArn);
        long removed = policy == null ? 0
                : AttachmentEntity.delete("principalId = ?1 and policyId = ?2", holder.id(), policy.id);
        if (removed == 0) {
            throw ManagedPolicies.notFound(policyArn);
        }
        PolicySets.invalidate(holder.accountId());
        return Replies.write(null, null, holder.resource(), ManagedPolicies.resource(policy));
    }

    private AwsReply list(AwsCall call, Kind kind) {
        String prefix = ManagedPolicies.path(call.params().optional("PathPrefix").orElse("/"), "pathPrefix");
        Page page = Page.of(call.params());
        PolicyHolder holder = PolicyHolder.authorized(guard, call, kind, "iam:ListAttached" + kind.title + "Policies",
                Map.of());
        String after = page.after() == null ? "" : page.after();
        List<String> ids = AttachmentEntity.<AttachmentEntity>list("principalId", holder.id()).stream()
                .map(a -> a.policyId).toList();
        List<PolicyEntity> fetched = ids.isEmpty() ? List.of() : PolicyEntity.<PolicyEntity>list("id in ?1", ids).stream()
                .filter(p -> p.path.startsWith(prefix))
                .filter(p -> sortKey(p).compareTo(after) > 0)
                .sorted(Comparator.comparing(AttachmentActions::sortKey))
                .limit(page.maxItems() + 1L).toList();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "AttachedPolicies", fetched, AttachmentActions::sortKey,
                (x, p) -> x.element("PolicyName", p.name).element("PolicyArn", p.arn));
        return AwsReply.read(xml.toString());
    }

    private static String sortKey(PolicyEntity policy) {
        return policy.nameLower + " " + policy.arn;
    }
}
