package io.gatehouse.identity.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.internal.workforce.DirectoryException;
import io.gatehouse.identity.internal.workforce.IdentityStores;
import io.gatehouse.identity.internal.workforce.ScimTokens;
import io.gatehouse.identity.persistence.ScimTokenEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gatehouse's own administration calls that AWS does in its console (JSON 1.1, target prefix
 * {@code GatehouseAdmin}, signed for the {@code sso} service so any SDK or the CLI can sign them):
 * CreateScimAccessToken (the token is in the answer once, never in the audit record),
 * ListScimAccessTokens and DeleteScimAccessToken. Management account only; authorized as
 * {@code sso:<Operation>} on the identity store's ARN; audited with eventSource
 * {@code sso.amazonaws.com}.
 */
@ApplicationScoped
public class GatehouseAdminService implements JsonService {
    public static final String TARGET_PREFIX = "GatehouseAdmin";
    private static final Set<String> OPERATIONS = Set.of("CreateScimAccessToken", "ListScimAccessTokens",
            "DeleteScimAccessToken");
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    Authorizer authorizer;
    @Inject
    IdentityStores stores;
    @Inject
    ScimTokens tokens;

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "sso";
    }

    @Override
    public String eventSource() {
        return "sso.amazonaws.com";
    }

    @Override
    public boolean handles(String operation) {
        return OPERATIONS.contains(operation);
    }

    @Override
    public JsonReply handle(JsonCall call) {
        IdentityStores.Store store = stores.current();
        if (store == null || !store.accountId().equals(call.caller().accountId())) {
            throw new AwsException("AccessDeniedException", 403, "SCIM access tokens are managed from the"
                    + " management account only.");
        }
        authorizer.require(call.caller(), call.request(), "sso:" + call.operation(), store.arn(), null, Map.of());
        try {
            return switch (call.operation()) {
                case "CreateScimAccessToken" -> create(call, store);
                case "ListScimAccessTokens" -> list(store);
                default -> delete(call, store);
            };
        } catch (DirectoryException e) {
            throw new AwsException("ValidationException", 400, e.getMessage());
        }
    }

    private JsonReply create(JsonCall call, IdentityStores.Store store) {
        JsonNode days = call.input().get("ExpiresInDays");
        if (days != null && !days.isNull() && (!days.isIntegralNumber() || !days.canConvertToInt())) {
            throw new AwsException("SerializationException", 400, "ExpiresInDays must be an integer");
        }
        ScimTokens.Issued issued = tokens.issue(store.id(), call.caller().principal().arn(),
                days == null || days.isNull() ? null : days.intValue());
        ObjectNode out = describe(issued.entity());
        out.put("AccessToken", issued.token());
        out.put("IdentityStoreId", store.id());
        out.put("ScimEndpoint", "/scim/v2");
        Map<String, Object> shown = Map.of("tokenId", issued.entity().id, "expiresAt",
                issued.entity().expiresAt.toString());
        return new JsonReply(out, false, shown, List.of(new AwsReply.Resource("AWS::SSO::ScimAccessToken",
                store.arn() + "/scim-token/" + issued.entity().id, store.accountId())));
    }

    private JsonReply list(IdentityStores.Store store) {
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode items = out.putArray("ScimAccessTokens");
        tokens.list(store.id()).forEach(t -> items.add(describe(t)));
        out.put("IdentityStoreId", store.id());
        return JsonReply.read(out);
    }

    private JsonReply delete(JsonCall call, IdentityStores.Store store) {
        JsonNode id = call.input().get("TokenId");
        if (id == null || id.isNull()) {
            throw new AwsException("ValidationException", 400, "1 validation error detected: Value null at 'tokenId'"
                    + " failed to satisfy constraint: Member must not be null");
        }
        if (!id.isTextual()) {
            throw new AwsException("SerializationException", 400, "TokenId must be a string");
        }
        if (!TOKEN_ID.matcher(id.asText()).matches()) {
            throw new AwsException("ValidationException", 400, "1 validation error detected: Value at 'tokenId' failed"
                    + " to satisfy constraint: Member must satisfy regular expression pattern: " + TOKEN_ID.pattern());
        }
        if (!tokens.revoke(store.id(), id.asText())) {
            throw new AwsException("ResourceNotFoundException", 404, "The SCIM access token was not found.");
        }
        return new JsonReply(MAPPER.createObjectNode(), false, null, List.of(new AwsReply.Resource(
                "AWS::SSO::ScimAccessToken", store.arn() + "/scim-token/" + id.asText(), store.accountId())));
    }

    private static ObjectNode describe(ScimTokenEntity token) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("TokenId", token.id);
        out.put("CreatedAt", seconds(token.createdAt));
        out.put("ExpiresAt", seconds(token.expiresAt));
        if (token.lastUsedAt != null) {
            out.put("LastUsedAt", seconds(token.lastUsedAt));
        }
        if (token.createdBy != null) {
            out.put("CreatedBy", token.createdBy);
        }
        return out;
    }

    /** JSON 1.1 timestamps: epoch seconds. */
    private static BigDecimal seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).stripTrailingZeros();
    }
}
