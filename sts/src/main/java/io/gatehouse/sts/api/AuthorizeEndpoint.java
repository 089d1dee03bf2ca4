package io.gatehouse.sts.api;

import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.RequestAuthenticator;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.RequestStart;
import io.gatehouse.identity.SignedEndpoint;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.sts.internal.AuthorizeAnswer;
import io.gatehouse.sts.internal.AuthorizeAudit;
import io.gatehouse.sts.internal.AuthorizeQuestion;
import io.gatehouse.sts.internal.ResourceAuthorizations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/authorize}: a resource server, signing with its own Gatehouse credentials
 * (SigV4 over the JSON body, any signing name), asks whether the client request it forwards may do
 * an action on a resource. Reads only, without a transaction; its data event is committed before the answer
 * (a decision that could not be recorded is answered 500, not ALLOW). Answers
 * JSON (docs/authorization-api.md): 200 with {@code ALLOW} or {@code DENY} for every question
 * that could be asked, including a client signature that does not verify; 4xx
 * {@code {"__type", "message"}} when the resource server itself is refused (its signature, its
 * {@code gatehouse:Authorize} permission, a malformed body); never a stack trace.
 */
@ApplicationScoped
public class AuthorizeEndpoint implements SignedEndpoint {
    private static final Logger LOG = Logger.getLogger(AuthorizeEndpoint.class);
    private static final int MAX_BODY = 256 * 1024;

    @Inject
    RequestAuthenticator authenticator;
    @Inject
    ResourceAuthorizations authorizations;
    @Inject
    AuthorizeAudit audit;
    @Inject
    Clock clock;

    /** What is known of the call when it is refused, for its audit record. */
    private static final class Attempt {
        Caller server;
        RequestInfo request;
        AuthorizeQuestion question;
    }

    @Override
    public String path() {
        return "/v1/authorize";
    }

    @Override
    public HttpReply serve(SignedRequest signed, RequestInfo received) {
        return RequestStart.serve(() -> decide(signed, received));
    }

    @Override
    public HttpReply refuse(SignedRequest signed, RequestInfo received, AwsException e) {
        return json(e.status(), AuthorizeJson.error(e, received.requestId()));
    }

    /**
     * One attempt at the call.
     *
     * @throws PreconditionFailedException when it relied on a state that moved ({@link RequestStart})
     */
    private HttpReply decide(SignedRequest signed, RequestInfo received) {
        byte[] bytes = signed.body();
        String requestId = received.requestId();
        Attempt attempt = new Attempt();
        try {
            if (bytes.length > MAX_BODY) {
                throw new AwsException("RequestEntityTooLarge", 413, "The request body is larger than " + MAX_BODY
                        + " bytes");
            }
            // Reads only, so no transaction: each read autocommits, and the record commits with
            // concurrent ones below.
            RequestAuthenticator.Authenticated server = authenticator.authenticate(signed);
            attempt.server = server.caller();
            attempt.request = new RequestInfo(requestId, received.sourceIp(), received.userAgent(), server.region(),
                    received.secureTransport(), clock.instant());
            attempt.question = AuthorizeJson.parse(bytes);
            AuthorizeAnswer answer = authorizations.authorize(attempt.server, attempt.request, attempt.question);
            audit.decided(attempt.server, attempt.question, answer); // committed before the answer
            return json(200, AuthorizeJson.answer(answer));
        } catch (AwsException e) {
            if (attempt.server != null) {
                audit.refused(attempt.server, attempt.question, attempt.request, e.code(), e.getMessage());
            }
            return json(e.status(), AuthorizeJson.error(e, requestId));
        } catch (PreconditionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "authorize request %s failed", requestId);
            return json(500, AuthorizeJson.error(AwsException.internalFailure(requestId), requestId));
        }
    }

    private static HttpReply json(int status, String body) {
        return new HttpReply(status, "application/json", body);
    }
}
