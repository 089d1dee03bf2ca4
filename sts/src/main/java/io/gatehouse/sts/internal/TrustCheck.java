package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestContexts;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.RoleInfo;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Outcome;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PolicyType;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Whether a caller may assume a role (sts:AssumeRole, and sts:TagSession / sts:SetSourceIdentity
 * when it sets them), as AWS decides it. One evaluation holds the caller's own policy set
 * (identity, boundary, session policies, guardrails) with the role's trust policy as its
 * resource-based policy, in the caller's request context plus the call's keys (sts:ExternalId,
 * aws:RequestTag/*, MFA ...). An explicit Deny in any of them refuses.
 *
 * <p>A trust policy differs from other resource-based policies in one way: it is always needed.
 * Within one account the engine lets an identity-based Allow grant on its own, so the same-account
 * case is decided in two steps: if the trust policy names the caller (or the role of its session)
 * it grants alone; otherwise the request is evaluated again as if the role were in another
 * account, where the engine requires both the identity side and the trust policy (which then must
 * name the caller's account). Across accounts the engine's own rule is already AWS's.
 */
@ApplicationScoped
class TrustCheck {
    /** Never a real account (those start with a non-zero digit): forces the "both must allow" rule. */
    private static final String ELSEWHERE = "000000000000";

    private final PolicyEngine engine = PolicyEngine.create();

    @Inject
    RequestContexts contexts;

    /** Refuses with AWS's AccessDenied unless every action is allowed on the role. */
    void require(Caller caller, RequestInfo request, RoleInfo role, List<String> actions,
            Map<String, List<String>> extraContext) {
        RequestContext context = contexts.of(caller, request, extraContext);
        for (String action : actions) {
            Decision decision = decide(caller, role, action, context);
            if (!decision.allowed()) {
                throw AwsException.accessDenied("User: " + caller.principal().arn() + " is not authorized to perform: "
                        + action + " on resource: " + role.arn() + " because " + decision.reason());
            }
        }
    }

    Decision decide(Caller caller, RoleInfo role, String action, RequestContext context) {
        Policy trust;
        try {
            // Stored trust policies were validated when written; an unreadable one allows nothing.
            trust = engine.compile(role.trustPolicy(), PolicyKind.TRUST, Integer.MAX_VALUE);
        } catch (MalformedPolicyException e) {
            return new Decision(Outcome.IMPLICIT_DENY, List.of(), "the role's trust policy cannot be evaluated");
        }
        PolicySet own = caller.policies().policies();
        PolicySet set = new PolicySet(own.identity(), trust, own.boundary(), own.session(), own.scp());
        Request real = new Request(caller.principal(), action, role.arn(), role.accountId(), context);
        Decision decision = engine.evaluate(set, real);
        if (real.crossAccount() || decision.outcome() == Outcome.EXPLICIT_DENY
                || decision.allowed() && namedByTrust(decision)) {
            return decision;
        }
        Decision delegated = engine.evaluate(set,
                new Request(caller.principal(), action, role.arn(), ELSEWHERE, context));
        if (delegated.allowed()) {
            return delegated;
        }
        return new Decision(Outcome.IMPLICIT_DENY, List.of(), decision.allowed()
                ? "the role's trust policy does not allow the action for this principal"
                : reasonWithoutElsewhere(delegated));
    }

    private static boolean namedByTrust(Decision decision) {
        return decision.matched().stream().anyMatch(m -> m.type() == PolicyType.RESOURCE);
    }

    private static String reasonWithoutElsewhere(Decision decision) {
        return decision.reason().contains(ELSEWHERE)
                ? "the role's trust policy does not allow the action for this principal"
                : decision.reason();
    }
}
