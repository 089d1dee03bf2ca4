package io.gatehouse.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One question for Gatehouse: the client's request exactly as the resource server received it, and
 * what the client wants to do. Build one with {@link #builder()}.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param path the path as sent, still percent-encoded, e.g. {@code /orders/42}
 * @param query the query string as sent, without '?', "" when none
 * @param headers every header received (at least Host, Authorization, X-Amz-Date and, with
 *     temporary credentials, X-Amz-Security-Token), names in any case
 * @param payloadHash hex SHA-256 of the request body ({@link #sha256Hex(byte[])})
 * @param action the action, {@code service:Name}
 * @param resource the resource ARN, or {@code *}
 * @param context extra condition keys for policies ({@code service:Key} to values)
 * @param resourcePolicy a resource-based policy document (JSON) to evaluate too, or null
 * @param sourceIp the client's address, for {@code aws:SourceIp}, or null
 * @param secureTransport whether the client's request arrived over TLS
 * @param signingName the signing name the client must have signed for (your service's), or null
 */
public record AuthorizationRequest(String method, String path, String query, Map<String, List<String>> headers,
        String payloadHash, String action, String resource, Map<String, List<String>> context,
        String resourcePolicy, String sourceIp, boolean secureTransport, String signingName) {

    /** SHA-256 of the empty body. */
    public static final String EMPTY_PAYLOAD_HASH = sha256Hex(new byte[0]);

    public AuthorizationRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** The question as {@code POST /v1/authorize} takes it (docs/authorization-api.md), UTF-8 JSON. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", method);
        root.put("path", path);
        root.put("query", query);
        root.set("headers", JSON.valueToTree(headers));
        root.put("payloadHash", payloadHash);
        root.put("action", action);
        root.put("resource", resource);
        if (!context.isEmpty()) {
            root.set("context", JSON.valueToTree(context));
        }
        if (resourcePolicy != null) {
            root.put("resourcePolicy", resourcePolicy);
        }
        if (sourceIp != null) {
            root.put("sourceIp", sourceIp);
        }
        root.put("secureTransport", secureTransport);
        if (signingName != null) {
            root.put("signingName", signingName);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the question as JSON", e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The hex SHA-256 of a body, as the request's payload hash. */
    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AuthorizationRequest}; method, path, headers, action and resource are required. */
    public static final class Builder {
        private String method;
        private String path;
        private String query = "";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String payloadHash = EMPTY_PAYLOAD_HASH;
        private String action;
        private String resource;
        private final Map<String, List<String>> context = new LinkedHashMap<>();
        private String resourcePolicy;
        private String sourceIp;
        private boolean secureTransport;
        private String signingName;

        private Builder() {}

        public Builder method(String method) {
            this.method = method.toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder path(String rawPath) {
            this.path = rawPath;
            return this;
        }

        public Builder query(String rawQuery) {
            this.query = rawQuery == null ? "" : rawQuery;
            return this;
        }

        /** Adds a header's values (call once per header name). */
        public Builder header(String name, List<String> values) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
            return this;
        }

        public Builder header(String name, String value) {
            return header(name, List.of(value));
        }

        public Builder headers(Map<String, List<String>> all) {
            all.forEach(this::header);
            return this;
        }

        public Builder payloadHash(String hexSha256) {
            this.payloadHash = hexSha256;
            return this;
        }

        /** Sets the payload hash from the body. */
        public Builder body(byte[] body) {
            return payloadHash(sha256Hex(body));
        }

        public Builder body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder resource(String arn) {
            this.resource = arn;
            return this;
        }

        public Builder context(String key, String... values) {
            context.put(key, List.of(values));
            return this;
        }

        public Builder resourcePolicy(String json) {
            this.resourcePolicy = json;
            return this;
        }

        public Builder sourceIp(String ip) {
            this.sourceIp = ip;
            return this;
        }

        public Builder secureTransport(boolean secure) {
            this.secureTransport = secure;
            return this;
        }

        public Builder signingName(String signingName) {
            this.signingName = signingName;
            return this;
        }

        public AuthorizationRequest build() {
            return new AuthorizationRequest(method, path, query, headers, payloadHash, action, resource, context,
                    resourcePolicy, sourceIp, secureTransport, signingName);
        }
    }
}
