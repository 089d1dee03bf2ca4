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
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a caller may assume a role (sts:AssumeRole, and sts:TagSession / sts:SetSourceIdentity
 * when it sets them), as AWS decides it. One evaluation holds the caller's own policy set
 * (identity, boundary, session policies, guardrails) with the role's trust policy as its
 * resource-based policy, in the caller's request context plus the call's keys (sts:ExternalId,
 * aws:RequestTag/*, MFA ...). An explicit Deny in any of them refuses.
 *
 * <p>A trust policy differs from other resource-based policies in one way: it is always needed,
 * also within one account. The request is marked {@link Request#requiringResourcePolicy()}, so the
 * engine decides as AWS does: a trust policy that names the caller (or the role of its session)
 * grants on its own; one that names only the caller's account delegates to the caller's own
 * policies; without an Allow in the trust policy the call is refused. Across accounts both must
 * allow anyway.
 */
@ApplicationScoped
class TrustCheck {
    private static final int MAX_DOCUMENTS = 10_000;

    private final PolicyEngine engine = PolicyEngine.create();
    /** Compiled trust policies by their text (a role's changes rarely; AssumeRole is a hot path). */
    private final Map<String, Policy> compiled = new ConcurrentHashMap<>();

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
                        + action + " on resource: " + role.arn() + " because "
                        + decision.reason().replace("the resource-based policy", "the role's trust policy"));
            }
        }
    }

    Decision decide(Caller caller, RoleInfo role, String action, RequestContext context) {
        Policy trust = compiled.get(role.trustPolicy());
        if (trust == null) {
            try {
                // Stored trust policies were validated when written; an unreadable one allows nothing.
                trust = engine.compile(role.trustPolicy(), PolicyKind.TRUST, Integer.MAX_VALUE);
            } catch (MalformedPolicyException e) {
                return new Decision(Outcome.IMPLICIT_DENY, List.of(), "the role's trust policy cannot be evaluated");
            }
            if (compiled.size() >= MAX_DOCUMENTS) {
                compiled.clear();
            }
            compiled.put(role.trustPolicy(), trust);
        }
        PolicySet own = caller.policies().policies();
        PolicySet set = new PolicySet(own.identity(), trust, own.boundary(), own.session(), own.scp());
        return engine.evaluate(set, new Request(caller.principal(), action, role.arn(), role.accountId(), context)
                .requiringResourcePolicy());
    }
}
