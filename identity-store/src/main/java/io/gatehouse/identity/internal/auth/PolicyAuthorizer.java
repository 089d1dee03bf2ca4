package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Outcome;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Authorizes with the policy engine over the caller's prepared policy set. */
@ApplicationScoped
public class PolicyAuthorizer implements Authorizer {
    private final PolicyEngine engine = PolicyEngine.create();

    @Override
    public Decision decide(Caller caller, RequestInfo request, String action, String resourceArn,
            String resourceAccount, Map<String, List<String>> extraContext) {
        Request evaluated = new Request(caller.principal(), action, resourceArn, resourceAccount,
                ContextBuilder.build(caller, request, extraContext));
        return engine.evaluate(caller.policies(), evaluated);
    }

    @Override
    public Decision require(Caller caller, RequestInfo request, String action, String resourceArn,
            String resourceAccount, Map<String, List<String>> extraContext) {
        Decision decision = decide(caller, request, action, resourceArn, resourceAccount, extraContext);
        if (!decision.allowed()) {
            throw AwsException.accessDenied(message(caller, action, resourceArn, decision));
        }
        return decision;
    }

    /** AWS's wording: "User: ARN is not authorized to perform: ACTION on resource: ARN because ...". */
    static String message(Caller caller, String action, String resourceArn, Decision decision) {
        String because = decision.outcome() == Outcome.EXPLICIT_DENY
                ? " with an explicit deny in " + decision.reason().replaceFirst("^with an explicit deny in ", "")
                : " because " + decision.reason().replace("the action", "the " + action + " action");
        return "User: " + caller.principal().arn() + " is not authorized to perform: " + action + " on resource: "
                + resourceArn + because;
    }
}
