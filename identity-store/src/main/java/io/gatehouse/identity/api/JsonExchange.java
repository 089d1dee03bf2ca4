package io.gatehouse.identity.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request of the AWS JSON 1.1 protocol: {@code X-Amz-Target: <prefix>.<Operation>}, a JSON
 * object as body; answered with a JSON object, and refused as the AWS SDKs parse JSON errors:
 * the status, {@code {"__type": code, "message": text}}, the same code in {@code x-amzn-ErrorType},
 * and the request id in {@code x-amzn-RequestId}.
 */
final class JsonExchange extends Exchange {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The Query protocol's names of the errors every service shares, and their names in JSON
     * services (which the SDKs' clock-skew and credential handling recognise too).
     */
    private static final Map<String, String> JSON_CODES = Map.of(
            "AccessDenied", "AccessDeniedException",
            "SignatureDoesNotMatch", "InvalidSignatureException",
            "InvalidClientTokenId", "UnrecognizedClientException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException",
            "IncompleteSignature", "IncompleteSignatureException",
            "ExpiredToken", "ExpiredTokenException",
            "MalformedQueryString", "SerializationException");

    private final Iterable<JsonService> services;
    private final String target;
    private JsonService service;
    private String operation;
    private ObjectNode input;
    private JsonReply reply;

    JsonExchange(SignedRequest signed, RequestInfo received, String target, Iterable<JsonService> services) {
        super(signed, received);
        this.target = target.trim();
        this.services = services;
    }

    @Override
    void prepare() {
        int dot = target.lastIndexOf('.');
        String prefix = dot < 0 ? "" : target.substring(0, dot);
        String name = target.substring(dot + 1);
        for (JsonService candidate : services) {
            if (candidate.targetPrefix().equals(prefix)) {
                service = candidate;
            }
        }
        if (service == null || name.isEmpty() || !service.handles(name)) {
            throw new AwsException("UnknownOperationException", 400, "Unknown operation " + target);
        }
        operation = name;
        input = parse(signed.body());
    }

    private static ObjectNode parse(byte[] body) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw serialization("The request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw serialization("The request body could not be read");
        }
        if (tree == null || !tree.isObject()) {
            throw serialization("The request body must be a JSON object");
        }
        return (ObjectNode) tree;
    }

    private static AwsException serialization(String message) {
        return new AwsException("SerializationException", 400, message);
    }

    @Override
    boolean allowsUnsigned() {
        return false;
    }

    @Override
    String requiredSigningName() {
        return service.signingName();
    }

    @Override
    boolean readsOnly() {
        return false;
    }

    @Override
    Outcome invoke() {
        reply = service.handle(new JsonCall(operation, input, caller, request));
        return new Outcome(reply.readOnly(), reply.responseElements(), reply.resources());
    }

    @Override
    HttpReply ok() {
        return new HttpReply(200, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId()), reply.output().toString());
    }

    @Override
    HttpReply error(AwsException e) {
        String code = JSON_CODES.getOrDefault(e.code(), e.code());
        ObjectNode body = MAPPER.createObjectNode().put("__type", code).put("message", e.getMessage());
        e.members().forEach(body::put);
        return new HttpReply(e.status(), CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId(), "x-amzn-ErrorType", code),
                body.toString());
    }

    @Override
    String eventSource() {
        return service == null ? null : service.eventSource();
    }

    @Override
    String operation() {
        return operation;
    }

    @Override
    Map<String, Object> requestParameters() {
        if (input == null || input.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) plain(input);
        return out;
    }

    /** A JSON value as CloudTrail's requestParameters hold it: lower-camel member names. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> out.put(QueryExchange.camel(f.getKey()), plain(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
