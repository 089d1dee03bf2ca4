package io.gatehouse.sts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.SealedMessages;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.MatchedStatement;
import io.gatehouse.policy.Outcome;
import io.gatehouse.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Encoded authorization messages: the explanation of a denial (the deciding statements, the
 * reason, the request context), sealed under Gatehouse's master key and bound to the denied
 * principal's account, so that only DecodeAuthorizationMessage in that account reads it back. The
 * decoded JSON follows AWS's shape: {@code allowed}, {@code explicitDeny}, {@code
 * matchedStatements.items}, {@code failures.items}, {@code context} (principal, action, resource,
 * conditions.items), plus Gatehouse's {@code reason}.
 */
@ApplicationScoped
public class AuthorizationMessages {
    /** STS's limit on EncodedMessage; messages past it drop their conditions. */
    static final int MAX_ENCODED = 10_240;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SealedMessages sealed;

    /** The sealed explanation of one decision about {@code caller}. */
    public String encode(Caller caller, String action, String resource, Decision decision, RequestContext context) {
        ObjectNode message = explanation(caller, action, resource, decision, context, true);
        String encoded = sealed.seal(purpose(caller.accountId()), bytes(message));
        if (encoded.length() > MAX_ENCODED) {
            encoded = sealed.seal(purpose(caller.accountId()),
                    bytes(explanation(caller, action, resource, decision, context, false)));
        }
        return encoded;
    }

    /** The decoded JSON, or empty when the message is not one of ours or belongs to another account. */
    Optional<String> decode(String accountId, String encoded) {
        return sealed.open(purpose(accountId), encoded).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static String purpose(String accountId) {
        return "sts:authorization-message:" + accountId;
    }

    static ObjectNode explanation(Caller caller, String action, String resource, Decision decision,
            RequestContext context, boolean withConditions) {
        ObjectNode root = JSON.createObjectNode();
        root.put("allowed", decision.allowed());
        root.put("explicitDeny", decision.outcome() == Outcome.EXPLICIT_DENY);
        ArrayNode statements = root.putObject("matchedStatements").putArray("items");
        for (MatchedStatement m : decision.matched()) {
            ObjectNode item = statements.addObject();
            item.put("statementId", m.sid());
            item.put("effect", m.effect().name().toUpperCase(Locale.ROOT));
            item.put("policy", m.policy());
            item.put("policyType", m.type().name());
            item.put("statementIndex", m.statementIndex());
        }
        root.putObject("failures").putArray("items");
        root.put("reason", decision.reason());
        ObjectNode ctx = root.putObject("context");
        ObjectNode principal = ctx.putObject("principal");
        principal.put("id", caller.principalId());
        principal.put("name", caller.principal().name());
        principal.put("arn", caller.principal().arn());
        ctx.put("action", action);
        ctx.put("resource", resource);
        ArrayNode conditions = ctx.putObject("conditions").putArray("items");
        if (withConditions) {
            for (Map.Entry<String, List<String>> key : new TreeMap<>(context.values()).entrySet()) {
                ObjectNode item = conditions.addObject();
                item.put("key", key.getKey());
                ArrayNode values = item.putObject("values").putArray("items");
                key.getValue().forEach(v -> values.addObject().put("value", v));
            }
        }
        return root;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an authorization message", e);
        }
    }
}
