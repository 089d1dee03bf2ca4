package io.gatehouse.policy.internal;

import io.gatehouse.policy.Decision;
import io.gatehouse.policy.MatchedStatement;
import io.gatehouse.policy.Outcome;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PolicyType;
import io.gatehouse.policy.PrincipalType;
import io.gatehouse.policy.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic, in its documented order (IAM User Guide, "Policy evaluation
 * logic" and "Cross-account policy evaluation logic"):
 * <ol>
 *   <li>an explicit Deny in any policy decides;</li>
 *   <li>every service control policy level must allow;</li>
 *   <li>the account root user may do anything in its own account;</li>
 *   <li>within one account, a resource-based policy that names the principal (its ARN, its session
 *       ARN, or {@code *}) grants on its own; one that names the role of a session grants within
 *       the boundary and session policies; one that names the account only delegates;</li>
 *   <li>otherwise an identity-based Allow is needed, within the permissions boundary and the
 *       session policies;</li>
 *   <li>across accounts, both the identity side and the resource-based policy must allow.</li>
 * </ol>
 * A request marked {@link Request#resourcePolicyRequired()} (a role's trust policy) is decided
 * within one account as in 4, except that a resource-based policy naming the account delegates to
 * the identity side and without any Allow in the resource-based policy the request is denied.
 */
final class Evaluator {
    private Evaluator() {}

    static Decision evaluate(PreparedSet prepared, Request request) {
        PolicySet policies = prepared.policies();
        Evaluation e = new Evaluation(request);
        e.scan(prepared);

        if (!e.denies.isEmpty()) {
            MatchedStatement first = e.denies.first();
            return new Decision(Outcome.EXPLICIT_DENY, e.denies.list(), "with an explicit deny in "
                    + describe(first.type()) + " (" + first.policy() + sidText(first) + ")");
        }
        if (e.scpFailedLevel >= 0) {
            return implicit("no service control policy allows the action at level " + e.scpFailedLevel
                    + " (0 is the organization root)");
        }
        boolean root = request.principal().type() == PrincipalType.ROOT;
        boolean boundaryOk = policies.boundary() == null || !e.boundaryAllows.isEmpty();
        boolean sessionOk = policies.session() == null || !e.sessionAllows.isEmpty();
        boolean identityGrants = root || (!e.identityAllows.isEmpty() && boundaryOk && sessionOk);
        if (!request.crossAccount() && !request.resourcePolicyRequired()) {
            return sameAccount(e, root, identityGrants, boundaryOk, sessionOk, policies);
        }
        if (!request.crossAccount()) {
            return resourcePolicyRequired(e, identityGrants, boundaryOk, sessionOk, policies);
        }
        boolean resourceGrants = !e.resourceDirect.isEmpty() || !e.resourceViaRole.isEmpty()
                || !e.resourceViaAccount.isEmpty();
        if (!identityGrants) {
            return implicit(identityFailure(e, boundaryOk, sessionOk));
        }
        if (!resourceGrants) {
            return implicit("no resource-based policy in account " + request.resourceAccount()
                    + " allows the action for this principal (cross-account access needs both)");
        }
        List<MatchedStatement> matched = gates(e, policies);
        matched.addAll(e.identityAllows.list());
        matched.addAll(e.resourceDirect.list());
        matched.addAll(e.resourceViaRole.list());
        matched.addAll(e.resourceViaAccount.list());
        return new Decision(Outcome.ALLOWED, matched, "allowed by identity-based and resource-based policies");
    }

    private static Decision sameAccount(Evaluation e, boolean root, boolean identityGrants, boolean boundaryOk,
            boolean sessionOk, PolicySet policies) {
        if (root) {
            List<MatchedStatement> matched = new ArrayList<>(e.scpAllows.list());
            return new Decision(Outcome.ALLOWED, matched, "the account root user has full access to its own account");
        }
        Decision named = namedByResourcePolicy(e, boundaryOk, sessionOk, policies);
        if (named != null) {
            return named;
        }
        if (identityGrants) {
            List<MatchedStatement> matched = gates(e, policies);
            matched.addAll(e.identityAllows.list());
            return new Decision(Outcome.ALLOWED, matched, "allowed by an identity-based policy");
        }
        return implicit(identityFailure(e, boundaryOk, sessionOk));
    }

    /**
     * Within one account, a resource-based policy that names the principal grants alone; one that
     * names the role of its session grants within the boundary and session policies. Null otherwise.
     */
    private static Decision namedByResourcePolicy(Evaluation e, boolean boundaryOk, boolean sessionOk,
            PolicySet policies) {
        if (!e.resourceDirect.isEmpty()) {
            List<MatchedStatement> matched = new ArrayList<>(e.scpAllows.list());
            matched.addAll(e.resourceDirect.list());
            return new Decision(Outcome.ALLOWED, matched, "allowed by a resource-based policy that names the principal");
        }
        if (!e.resourceViaRole.isEmpty() && boundaryOk && sessionOk) {
            List<MatchedStatement> matched = gates(e, policies);
            matched.addAll(e.resourceViaRole.list());
            return new Decision(Outcome.ALLOWED, matched, "allowed by a resource-based policy that names the role");
        }
        return null;
    }

    /**
     * Within one account, when the resource-based policy must allow (a trust policy): naming the
     * principal grants alone, naming the role of its session grants within the boundary and session
     * policies, naming the account delegates to the identity side; no Allow in it denies.
     */
    private static Decision resourcePolicyRequired(Evaluation e, boolean identityGrants, boolean boundaryOk,
            boolean sessionOk, PolicySet policies) {
        Decision named = namedByResourcePolicy(e, boundaryOk, sessionOk, policies);
        if (named != null) {
            return named;
        }
        if (e.resourceViaAccount.isEmpty()) {
            return implicit(e.resourceViaRole.isEmpty()
                    ? "the resource-based policy does not allow the action for this principal"
                    : identityFailure(e, boundaryOk, sessionOk));
        }
        if (!identityGrants) {
            return implicit(identityFailure(e, boundaryOk, sessionOk));
        }
        List<MatchedStatement> matched = gates(e, policies);
        matched.addAll(e.identityAllows.list());
        matched.addAll(e.resourceViaAccount.list());
        return new Decision(Outcome.ALLOWED, matched,
                "allowed by identity-based policies and a resource-based policy that names the account");
    }

    /** The allows of the gates that passed: guardrails, boundary, session policies. */
    private static List<MatchedStatement> gates(Evaluation e, PolicySet policies) {
        List<MatchedStatement> matched = new ArrayList<>(e.scpAllows.list());
        if (policies.boundary() != null) {
            matched.addAll(e.boundaryAllows.list());
        }
        if (policies.session() != null) {
            matched.addAll(e.sessionAllows.list());
        }
        return matched;
    }

    private static String identityFailure(Evaluation e, boolean boundaryOk, boolean sessionOk) {
        boolean anyGrant = !e.identityAllows.isEmpty() || !e.resourceViaRole.isEmpty();
        if (!anyGrant) {
            return "no identity-based policy allows the action";
        }
        if (!boundaryOk) {
            return "no permissions boundary allows the action";
        }
        if (!sessionOk) {
            return "no session policy allows the action";
        }
        return "no identity-based policy allows the action";
    }

    private static Decision implicit(String reason) {
        return new Decision(Outcome.IMPLICIT_DENY, List.of(), reason);
    }

    private static String describe(PolicyType type) {
        switch (type) {
            case IDENTITY:
                return "an identity-based policy";
            case RESOURCE:
                return "a resource-based policy";
            case BOUNDARY:
                return "a permissions boundary";
            case SESSION:
                return "a session policy";
            default:
                return "a service control policy";
        }
    }

    private static String sidText(MatchedStatement s) {
        return s.sid() == null || s.sid().isEmpty() ? ", statement " + s.statementIndex() : ", Sid " + s.sid();
    }
}
