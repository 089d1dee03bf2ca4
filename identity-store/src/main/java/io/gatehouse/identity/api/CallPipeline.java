package io.gatehouse.identity.api;

import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.RequestStart;
import io.gatehouse.identity.internal.auth.AccessKeyCache;
import io.gatehouse.identity.persistence.PersistenceErrors;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The steps every front-door request goes through, whatever its protocol: prepare (route and
 * parse), then in one transaction authentication, the call (whose authorization is the service's,
 * by the policy engine) and, when it changed something, its audit record (a read-only call's record
 * commits after it, grouped with concurrent ones, before the answer). An operation that only reads
 * ({@link Exchange#readsOnly}) runs without a transaction at all: its reads autocommit, which saves
 * the transaction manager and three round trips. A call that writes waits for its turn first
 * ({@link WriteGate}). A refusal is recorded in a transaction shared with
 * concurrent ones and
 * answered in the protocol's error format; a fault of ours is logged and answered as
 * InternalFailure, never a stack trace. The key's last use is written after the transaction. A
 * request that relied on a cached state which moved before its record was stored is made again
 * ({@link RequestStart}).
 */
@ApplicationScoped
public class CallPipeline {
    private static final Logger LOG = Logger.getLogger(CallPipeline.class);

    @Inject
    Authentication authentication;
    @Inject
    CallAudit audit;
    @Inject
    WriteGate writes;

    HttpReply serve(Exchange exchange) {
        return RequestStart.serve(() -> serveOnce(exchange));
    }

    /**
     * One attempt at the request.
     *
     * @throws PreconditionFailedException when it relied on a state that moved ({@link RequestStart})
     */
    private HttpReply serveOnce(Exchange exchange) {
        AccessKeyCache.Entry[] usedKey = new AccessKeyCache.Entry[1];
        try {
            exchange.prepare();
            Exchange.Outcome outcome;
            if (exchange.readsOnly()) {
                outcome = call(exchange, usedKey);
                audit.readOnlySuccess(exchange, outcome);
                return exchange.ok();
            }
            // The transaction's record carries what the call relied on (CallAudit.success), so its
            // reads may rely on older ones, as a read-only call's do.
            RequestStart.recordsWithPrecondition();
            writes.enter();
            try {
                outcome = attempts(exchange, usedKey);
            } finally {
                writes.leave();
            }
            if (outcome.readOnly()) {
                audit.readOnlySuccess(exchange, outcome);
            }
            return exchange.ok();
        } catch (AwsException e) {
            return refuse(exchange, e);
        } catch (PreconditionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(exchange, e);
        } finally {
            writeUse(usedKey[0]);
        }
    }

    /** The request's transaction, made again when the database chose it as a deadlock victim. */
    private Exchange.Outcome attempts(Exchange exchange, AccessKeyCache.Entry[] usedKey) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(exchange, usedKey);
            } catch (RuntimeException e) {
                if (attempt >= PersistenceErrors.ATTEMPTS || !PersistenceErrors.isTransient(e)) {
                    throw e;
                }
                LOG.debugf("request %s (%s): the database chose it as a deadlock victim; attempt %d",
                        exchange.requestId(), exchange.operation(), attempt + 1);
                PersistenceErrors.backOff(attempt);
            }
        }
    }

    /**
     * The request's transaction: authentication, the call and its audit record. Run again, whole,
     * when the database picked it as a deadlock victim (its changes were rolled back).
     */
    private Exchange.Outcome attempt(Exchange exchange, AccessKeyCache.Entry[] usedKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Exchange.Outcome done = call(exchange, usedKey);
            audit.success(exchange, done);
            return done;
        });
    }

    /** Authentication and the call, in the request's transaction if it has one. */
    private Exchange.Outcome call(Exchange exchange, AccessKeyCache.Entry[] usedKey) {
        exchange.caller = null; // an earlier attempt's, until this one authenticates
        Authentication.Result auth = authentication.authenticate(exchange.allowsUnsigned(),
                exchange.requiredSigningName(), exchange.signed);
        usedKey[0] = auth.usedKey();
        RequestInfo received = exchange.received;
        exchange.caller = auth.caller();
        exchange.request = new RequestInfo(received.requestId(), received.sourceIp(), received.userAgent(),
                auth.region(), received.secureTransport(), received.receivedAt());
        return exchange.invoke();
    }

    /** A failure that is not an AWS refusal: a translated constraint violation, or a fault of ours. */
    private HttpReply failed(Exchange exchange, RuntimeException e) {
        AwsException refused = PersistenceErrors.translate(e).orElse(null);
        if (refused != null) {
            return refuse(exchange, refused);
        }
        String requestId = exchange.requestId();
        LOG.errorf(e, "request %s (%s) failed", requestId, exchange.operation());
        return refuse(exchange, AwsException.internalFailure(requestId));
    }

    /** The call's changes rolled back; its refusal is recorded on its own and answered. */
    private HttpReply refuse(Exchange exchange, AwsException e) {
        audit.failure(exchange, e.code(), e.getMessage());
        return exchange.error(e);
    }

    /** The key's last use, after the request's transaction; a failure here never fails the call. */
    private void writeUse(AccessKeyCache.Entry key) {
        if (key == null) {
            return;
        }
        try {
            authentication.writeUse(key);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the last use of access key %s: %s", key.keyId(), e.getMessage());
        }
    }
}
