package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.iam.PolicyHolder.Kind;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Put, Get, Delete and List inline policies of users, groups and roles. IAM limits the total size
 * of a holder's inline policies (user 2,048, group 5,120, role 10,240 characters excluding white
 * space): one document over the limit is MalformedPolicyDocument with the engine's message, a
 * total over it is LimitExceeded, as AWS answers.
 */
@ApplicationScoped
public class InlinePolicyActions implements IamActionGroup {
    @Inject
    Guard guard;

    @Override
    public Map<String, IamAction> actions() {
        Map<String, IamAction> actions = new HashMap<>();
        for (Kind kind : Kind.values()) {
            actions.put("Put" + kind.title + "Policy", call -> put(call, kind));
            actions.put("Get" + kind.title + "Policy", call -> get(call, kind));
            actions.put("Delete" + kind.title + "Policy", call -> delete(call, kind));
            actions.put("List" + kind.title + "Policies", call -> list(call, kind));
        }
        return actions;
    }

    private static String policyName(AwsCall call) {
        return Constraints.name(call.params().required("PolicyName"), "policyName", ManagedPolicies.MAX_NAME);
    }

    private static InlinePolicyEntity find(PolicyHolder holder, String name) {
        InlinePolicyEntity inline = InlinePolicyEntity.find("principalId = ?1 and nameLower = ?2", holder.id(),
                name.toLowerCase(Locale.ROOT)).firstResult();
        if (inline == null) {
            throw AwsException.noSuchEntity("The " + holder.kind().lower + " policy with name " + name
                    + " cannot be found.");
        }
        return inline;
    }

    private AwsReply put(AwsCall call, Kind kind) {
        String name = policyName(call);
        String document = call.params().required("PolicyDocument");
        PolicyHolder holder = PolicyHolder.authorized(guard, call, kind, "iam:Put" + kind.title + "Policy", Map.of());
        ManagedPolicies.document(document, "policyDocument", kind.inlineLimit);
        String lower = name.toLowerCase(Locale.ROOT);
        List<InlinePolicyEntity> existing = InlinePolicyEntity.list("principalId", holder.id());
        int total = ManagedPolicies.size(document) + existing.stream().filter(i -> !i.nameLower.equals(lower))
                .mapToInt(i -> ManagedPolicies.size(i.document)).sum();
        if (total > kind.inlineLimit) {
            throw AwsException.limitExceeded("Maximum policy size of " + kind.inlineLimit + " bytes exceeded for "
                    + kind.lower + " " + holder.name());
        }
        InlinePolicyEntity inline = existing.stream().filter(i -> i.nameLower.equals(lower)).findFirst().orElse(null);
        if (inline == null) {
            inline = new InlinePolicyEntity();
            inline.principalId = holder.id();
            inline.nameLower = lower;
            inline.principalType = holder.type();
            inline.name = name;
            inline.document = document;
            inline.persist();
        } else {
            inline.name = name;
            inline.document = document;
        }
        PolicySets.invalidate(holder.accountId());
        return Replies.write(null, null, holder.resource());
    }

    private AwsReply get(AwsCall call, Kind kind) {
        String name = policyName(call);
        PolicyHolder holder = PolicyHolder.authorized(guard, call, kind, "iam:Get" + kind.title + "Policy", Map.of());
        InlinePolicyEntity inline = find(holder, name);
        XmlWriter xml = new XmlWriter().element(kind.parameter(), holder.name()).element("PolicyName", inline.name)
                .element("PolicyDocument", Replies.urlEncoded(inline.document));
        return AwsReply.read(xml.toString());
    }

    private AwsReply delete(AwsCall call, Kind kind) {
        String name = policyName(call);
        PolicyHolder holder = PolicyHolder.authorized(guard, call, kind, "iam:Delete" + kind.title + "Policy", Map.of());
        find(holder, name).delete();
        PolicySets.invalidate(holder.accountId());
        return Replies.write(null, null, holder.resource());
    }

    private AwsReply list(AwsCall call, Kind kind) {
        Page page = Page.of(call.params());
        PolicyHolder holder = PolicyHolder.authorized(guard, call, kind, "iam:List" + kind.title + "Policies", Map.of());
        List<String> names = InlinePolicyEntity.<InlinePolicyEntity>find("principalId = ?1 and nameLower > ?2",
                Sort.by("nameLower"), holder.id(), page.after() == null ? "" : page.after())
                .page(0, page.maxItems() + 1).list().stream().map(i -> i.name).toList();
        XmlWriter xml = new XmlWriter();
        PolicyHolder.writeNames(xml, "PolicyNames", names, page);
        return AwsReply.read(xml.toString());
    }
}
