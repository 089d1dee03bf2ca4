package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestAuthenticator;
import io.gatehouse.identity.RequestContexts;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;

/**
 * The authorization API's decision: may the client whose request a resource server forwards do
 * the action on the resource? The resource server needs {@code gatehouse:Authorize} on that
 * resource. The client's signature is verified by the front door's rules, its principal resolved
 * with its whole policy set (identity, boundary, session policies, guardrails) and, when given,
 * the resource server's resource-based policy. Reads only (the call has no transaction); the caller
 * records the answer ({@link AuthorizeAudit#decided}) after it.
 */
@ApplicationScoped
public class ResourceAuthorizations {
    private final PolicyEngine engine = PolicyEngine.create();

    @Inject
    RequestAuthenticator authenticator;
    @Inject
    Authorizer authorizer;
    @Inject
    RequestContexts contexts;
    @Inject
    AuthorizationMessages messages;
    @Inject
    Clock clock;

    /**
     * Decides one question.
     *
     * @throws AwsException AccessDenied when the resource server may not ask about this resource,
     *     MalformedPolicyDocument when its resource policy does not compile
     */
    public AuthorizeAnswer authorize(Caller server, RequestInfo serverRequest, AuthorizeQuestion q) {
        authorizer.require(server, serverRequest, "gatehouse:Authorize", q.resource(), null, Map.of());
        Policy resourcePolicy = resourcePolicy(q.resourcePolicy());
        RequestAuthenticator.Authenticated client;
        try {
            client = authenticator.authenticateForwarded(new SignedRequest(q.method(), q.path(), q.query(),
                    q.headers(), new byte[0]), q.payloadHash());
            if (q.signingName() != null && !q.signingName().equals(client.service())) {
                throw new AwsException("SignatureDoesNotMatch", 403, "Credential should be scoped to correct "
                        + "service: '" + q.signingName() + "'.");
            }
        } catch (AwsException e) {
            RequestInfo info = clientRequest(serverRequest, q, serverRequest.region());
            return new AuthorizeAnswer(serverRequest.requestId(), null, null, e.getMessage(), null, e.code(), info);
        }
        RequestInfo info = clientRequest(serverRequest, q, client.region());
        Caller caller = client.caller();
        RequestContext context = contexts.of(caller, info, q.context());
        Request request = new Request(caller.principal(), q.action(), q.resource(), resourceAccount(q.resource()),
                context);
        Decision decision = resourcePolicy == null ? engine.evaluate(caller.policies(), request)
                : engine.evaluate(withResourcePolicy(caller, resourcePolicy), request);
        return decision.allowed()
                ? new AuthorizeAnswer(serverRequest.requestId(), decision.outcome(), caller, decision.reason(), null,
                        null, info)
                : new AuthorizeAnswer(serverRequest.requestId(), decision.outcome(), caller, decision.reason(),
                        messages.encode(caller, q.action(), q.resource(), decision, context), "AccessDenied", info);
    }

    private Policy resourcePolicy(String document) {
        if (document == null) {
            return null;
        }
        try {
            return engine.compile(document, PolicyKind.RESOURCE);
        } catch (MalformedPolicyException e) {
            throw AwsException.malformedPolicy("resourcePolicy: " + e.getMessage());
        }
    }

    private static PolicySet withResourcePolicy(Caller caller, Policy resourcePolicy) {
        PolicySet own = caller.policies().policies();
        return new PolicySet(own.identity(), resourcePolicy, own.boundary(), own.session(), own.scp());
    }

    /** The account in the ARN's fifth field when it is one; otherwise the caller's. */
    static String resourceAccount(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    private RequestInfo clientRequest(RequestInfo serverRequest, AuthorizeQuestion q, String region) {
        return new RequestInfo(serverRequest.requestId(), q.sourceIp(), q.header("user-agent"), region,
                q.secureTransport(), clock.instant());
    }
}
