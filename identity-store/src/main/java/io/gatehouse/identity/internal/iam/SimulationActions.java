package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.GroupMemberEntity;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.PrincipalType;
import io.gatehouse.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SimulatePrincipalPolicy and SimulateCustomPolicy: decide actions on resources with the policy
 * engine over a principal's stored policies (plus any given) or over given policies only. The
 * context holds only the ContextEntries the caller supplies; policies from the input lists are
 * reported as SourcePolicyId {@code PolicyInputList.N} with SourcePolicyType {@code none}.
 */
@ApplicationScoped
public class SimulationActions implements IamActionGroup {
    private static final int MAX_DOCUMENT = 131_072;
    private static final List<String> CONTEXT_TYPES = List.of("string", "stringList", "numeric", "numericList",
            "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    private final PolicyEngine engine = PolicyEngine.create();

    @Inject
    Guard guard;
    @Inject
    PolicySets policySets;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("SimulatePrincipalPolicy", this::principal, "SimulateCustomPolicy", this::custom);
    }

    private AwsReply principal(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String sourceArn = Constraints.length(p.required("PolicySourceArn"), "policySourceArn", 20, 2048);
        List<String> actions = actionNames(p);
        guard.require(call, "iam:SimulatePrincipalPolicy", sourceArn);
        List<PolicySimulation.Source> identity = new ArrayList<>();
        String boundaryArn = gatherStored(account, sourceArn, identity);
        identity.addAll(inputs(p, "PolicyInputList", PolicyKind.IDENTITY));
        PolicySimulation.Source boundary = boundary(p, boundaryArn);
        PolicySimulation.Source resource = resourcePolicy(p);
        Principal caller = caller(p, account, sourceArn, resource != null);
        return answer(call, new PolicySimulation(identity, boundary, resource, caller, owner(p, account),
                context(p)), actions);
    }

    private AwsReply custom(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        List<String> actions = actionNames(p);
        guard.require(call, "iam:SimulateCustomPolicy", "*");
        List<PolicySimulation.Source> identity = inputs(p, "PolicyInputList", PolicyKind.IDENTITY);
        if (identity.isEmpty()) {
            p.required("PolicyInputList");
        }
        PolicySimulation.Source resource = resourcePolicy(p);
        Principal caller = caller(p, account, null, resource != null);
        return answer(call, new PolicySimulation(identity, boundary(p, null), resource, caller, owner(p, account),
                context(p)), actions);
    }

    private static AwsReply answer(AwsCall call, PolicySimulation simulation, List<String> actions) {
        List<String> resources = call.params().list("ResourceArns");
        resources.forEach(r -> Constraints.length(r, "resourceArns.member", 1, 2048));
        List<PolicySimulation.Result> results = simulation.run(actions, resources.isEmpty() ? List.of("*") : resources);
        Page page = Page.of(call.params());
        int start;
        try {
            start = page.after() == null ? 0 : Integer.parseInt(page.after()) + 1;
        } catch (NumberFormatException e) {
            throw AwsException.validation("Invalid Marker: it must be a value returned by a previous call");
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = Math.max(0, start); i < results.size() && indexes.size() <= page.maxItems(); i++) {
            indexes.add(i);
        }
        XmlWriter xml = new XmlWriter();
        page.write(xml, "EvaluationResults", indexes, String::valueOf,
                (x, i) -> PolicySimulation.write(x, results.get(i)));
        return AwsReply.read(xml.toString());
    }

    private static List<String> actionNames(QueryParams p) {
        List<String> actions = p.list("ActionNames");
        if (actions.isEmpty()) {
            p.required("ActionNames");
        }
        for (String action : actions) {
            Constraints.length(action, "actionNames.member", 3, 128);
            if (!action.matches("[\\w*?-]+:[\\w*?-]+")) {
                throw AwsException.invalidInput("Action " + action + " is not valid: actions are written service:Action.");
            }
        }
        return actions;
    }

    /** Adds the stored policies of the user, group or role the ARN names; returns its boundary's ARN. */
    private String gatherStored(String account, String arn, List<PolicySimulation.Source> out) {
        String prefix = "arn:aws:iam::" + account + ":";
        String rest = arn.startsWith(prefix) ? arn.substring(prefix.length()) : "";
        String type = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "";
        String name = rest.substring(rest.lastIndexOf('/') + 1);
        switch (type) {
            case "user" -> {
                UserEntity user = UserEntity.byName(account, name).filter(u -> u.arn.equals(arn))
                        .orElseThrow(() -> noSuchSource(arn));
                addHolder(user.id, "user", out);
                for (GroupMemberEntity m : GroupMemberEntity.<GroupMemberEntity>list("userId", user.id)) {
                    addHolder(m.groupId, "group", out);
                }
                return user.boundaryArn;
            }
            case "group" -> {
                GroupEntity group = GroupEntity.byName(account, name).filter(g -> g.arn.equals(arn))
                        .orElseThrow(() -> noSuchSource(arn));
                addHolder(group.id, "group", out);
                return null;
            }
            case "role" -> {
                RoleEntity role = RoleEntity.byName(account, name).filter(r -> r.arn.equals(arn))
                        .orElseThrow(() -> noSuchSource(arn));
                addHolder(role.id, "role", out);
                return role.boundaryArn;
            }
            default -> throw AwsException.invalidInput("Invalid Entity Arn: " + arn + " does not clear format check.");
        }
    }

    private static AwsException noSuchSource(String arn) {
        return AwsException.noSuchEntity("The entity " + arn + " cannot be found.");
    }

    private void addHolder(String holderId, String type, List<PolicySimulation.Source> out) {
        for (AttachmentEntity a : AttachmentEntity.<AttachmentEntity>list("principalId", holderId)) {
            PolicyEntity policy = PolicyEntity.findById(a.policyId);
            if (policy != null) {
                out.add(managedSource(policy));
            }
        }
        for (InlinePolicyEntity inline : InlinePolicyEntity.<InlinePolicyEntity>list("principalId", holderId)) {
            out.add(new PolicySimulation.Source(stored(inline.document), inline.name, type));
        }
    }

    private PolicySimulation.Source managedSource(PolicyEntity policy) {
        return new PolicySimulation.Source(policySets.managed(policy), policy.name,
                policy.accountId == null ? "aws-managed" : "user-managed");
    }

    private Policy stored(String document) {
        try {
            return engine.compile(document, PolicyKind.IDENTITY, Integer.MAX_VALUE);
        } catch (MalformedPolicyException e) {
            throw AwsException.invalidInput("A stored policy of the entity can no longer be evaluated: " + e.getMessage());
        }
    }

    private List<PolicySimulation.Source> inputs(QueryParams p, String name, PolicyKind kind) {
        List<PolicySimulation.Source> sources = new ArrayList<>();
        List<String> documents = p.list(name);
        for (int i = 0; i < documents.size(); i++) {
            String member = Character.toLowerCase(name.charAt(0)) + name.substring(1) + ".member";
            sources.add(new PolicySimulation.Source(compile(documents.get(i), kind, member), name + "." + (i + 1),
                    "none"));
        }
        return sources;
    }

    private Policy compile(String document, PolicyKind kind, String member) {
        Constraints.length(document, member, 1, MAX_DOCUMENT);
        try {
            return engine.compile(document, kind, MAX_DOCUMENT);
        } catch (MalformedPolicyException e) {
            throw AwsException.malformedPolicy(e.getMessage());
        }
    }

    /** The given boundary replaces the stored one, as AWS's simulator does. */
    private PolicySimulation.Source boundary(QueryParams p, String storedArn) {
        List<PolicySimulation.Source> given = inputs(p, "PermissionsBoundaryPolicyInputList", PolicyKind.BOUNDARY);
        if (given.size() > 1) {
            throw AwsException.invalidInput("Only one permissions boundary policy may be simulated at a time.");
        }
        if (!given.isEmpty()) {
            return given.get(0);
        }
        return storedArn == null ? null : PolicyEntity.byArn(storedArn).map(this::managedSource).orElse(null);
    }

    private PolicySimulation.Source resourcePolicy(QueryParams p) {
        return p.optional("ResourcePolicy")
                .map(d -> new PolicySimulation.Source(compile(d, PolicyKind.RESOURCE, "resourcePolicy"),
                        "ResourcePolicy", "resource"))
                .orElse(null);
    }

    /**
     * CallerArn (an IAM user), else the simulated user or role itself; a resource policy needs a
     * caller to match its Principal element. Without either, a placeholder user of the account.
     */
    private static Principal caller(QueryParams p, String account, String sourceArn, boolean resourcePolicy) {
        String callerArn = p.optional("CallerArn").orElse(null);
        if (callerArn != null) {
            Constraints.length(callerArn, "callerArn", 1, 2048);
            Principal caller = principal(callerArn);
            if (caller == null || caller.type() != PrincipalType.IAM_USER) {
                throw AwsException.invalidInput("Invalid CallerArn: " + callerArn + ". Only IAM user ARNs are supported.");
            }
            return caller;
        }
        Principal source = sourceArn == null ? null : principal(sourceArn);
        if (source != null) {
            return source;
        }
        if (resourcePolicy) {
            throw AwsException.invalidInput("CallerArn must be specified when a ResourcePolicy is simulated "
                    + "without an IAM user or role as the policy source.");
        }
        return Principal.fromArn("arn:aws:iam::" + account + ":user/simulated-caller");
    }

    private static Principal principal(String arn) {
        try {
            Principal principal = Principal.fromArn(arn);
            return principal.type() == PrincipalType.IAM_USER || principal.type() == PrincipalType.ROLE ? principal : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** ResourceOwner: an account id or an ARN naming one ({@code arn:aws:iam::ACCT:root}). */
    private static String owner(QueryParams p, String account) {
        String owner = p.optional("ResourceOwner").orElse(null);
        if (owner == null) {
            return account;
        }
        Constraints.length(owner, "resourceOwner", 1, 2048);
        String[] parts = owner.split(":");
        String id = owner.startsWith("arn:") && parts.length >= 5 ? parts[4] : owner;
        if (!id.matches("\\d{12}")) {
            throw AwsException.invalidInput("Invalid ResourceOwner: " + owner);
        }
        return id;
    }

    private static RequestContext context(QueryParams p) {
        RequestContext.Builder context = RequestContext.builder();
        for (Map<String, String> entry : p.structures("ContextEntries")) {
            String key = entry.get("ContextKeyName");
            String type = entry.get("ContextKeyType");
            if (key == null || type == null) {
                throw AwsException.invalidInput("Each context entry needs ContextKeyName and ContextKeyType.");
            }
            Constraints.length(key, "contextEntries.member.contextKeyName", 5, 256);
            if (!CONTEXT_TYPES.contains(type)) {
                throw AwsException.validation("1 validation error detected: Value '" + type
                        + "' at 'contextEntries.member.contextKeyType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: " + CONTEXT_TYPES);
            }
            List<String> values = new ArrayList<>();
            entry.forEach((k, v) -> {
                if (k.startsWith("ContextKeyValues.member.")) {
                    values.add(v);
                }
            });
            context.put(key, values);
        }
        return context.build();
    }
}
