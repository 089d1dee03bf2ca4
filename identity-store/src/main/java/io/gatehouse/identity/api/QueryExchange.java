package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.QueryXml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request of the AWS Query protocol (IAM, STS): form or query-string parameters with an
 * {@code Action}, routed by the SigV4 scope's service (or, unsigned, by the Action); answered in
 * AWS's XML, errors included.
 */
final class QueryExchange extends Exchange {
    private static final String FALLBACK_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final Iterable<AwsService> services;
    private AwsService service;
    private String action;
    private QueryParams params;
    private AwsReply reply;

    QueryExchange(SignedRequest signed, RequestInfo received, Iterable<AwsService> services) {
        super(signed, received);
        this.services = services;
    }

    @Override
    void prepare() {
        String contentType = FrontDoor.first(signed.headers(), "content-type");
        boolean form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        params = QueryParams.parse(signed.rawQuery(), form ? new String(signed.body(), StandardCharsets.UTF_8) : "");
        action = params.optional("Action").orElse(null);
        service = route();
        if (action == null) {
            throw new AwsException("MissingAction", 400, "Missing Action");
        }
        if (!service.handles(action)) {
            throw new AwsException("InvalidAction", 400, "Could not find operation " + action
                    + " for version " + params.optional("Version").orElse("(none)"));
        }
    }

    private AwsService route() {
        String signingName = CredentialScope.service(signed.headers(), params.optional("X-Amz-Credential").orElse(null));
        for (AwsService candidate : services) {
            if (signingName != null ? candidate.signingName().equals(signingName)
                    : action != null && candidate.allowsUnsigned(action)) {
                return candidate;
            }
        }
        if (signingName == null) {
            throw AwsException.missingAuthenticationToken();
        }
        throw new AwsException("InvalidAction", 400, "No service is served here under the signing name " + signingName);
    }

    @Override
    boolean allowsUnsigned() {
        return service.allowsUnsigned(action);
    }

    @Override
    String requiredSigningName() {
        return null;
    }

    @Override
    boolean readsOnly() {
        return service.readsOnly(action);
    }

    @Override
    Outcome invoke() {
        reply = service.handle(new AwsCall(action, params, caller, request));
        return new Outcome(reply.readOnly(), reply.responseElements(), reply.resources());
    }

    @Override
    HttpReply ok() {
        return new HttpReply(200, "text/xml", QueryXml.response(service.namespace(), action, reply.resultXml(),
                requestId()));
    }

    @Override
    HttpReply error(AwsException e) {
        String namespace = service == null ? FALLBACK_NAMESPACE : service.namespace();
        return new HttpReply(e.status(), "text/xml", QueryXml.error(namespace, e, requestId()));
    }

    @Override
    String eventSource() {
        return service == null ? null : service.eventSource();
    }

    @Override
    String operation() {
        return action;
    }

    @Override
    Map<String, Object> requestParameters() {
        return params == null ? null : requestParameters(params);
    }

    /**
     * The request's parameters as CloudTrail shows them: lower-camel names, {@code X.member.N}
     * lists as arrays; the protocol's own Action, Version and signing parameters left out.
     */
    static Map<String, Object> requestParameters(QueryParams params) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Object>> lists = new LinkedHashMap<>();
        params.all().forEach((name, value) -> {
            if (name.equals("Action") || name.equals("Version") || name.startsWith("X-Amz-")) {
                return;
            }
            int member = name.indexOf(".member.");
            if (member < 0) {
                out.put(camel(name), value);
                return;
            }
            String list = camel(name.substring(0, member));
            String rest = name.substring(member + ".member.".length());
            int dot = rest.indexOf('.');
            int index;
            try {
                index = Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot));
            } catch (NumberFormatException e) {
                return;
            }
            TreeMap<Integer, Object> items = lists.computeIfAbsent(list, k -> new TreeMap<>());
            if (dot < 0) {
                items.put(index, value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> struct = (Map<String, Object>) items.computeIfAbsent(index, i -> new LinkedHashMap<>());
                struct.put(camel(rest.substring(dot + 1)), value);
            }
        });
        lists.forEach((name, items) -> out.put(name, new ArrayList<>(items.values())));
        return out.isEmpty() ? null : out;
    }

    static String camel(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
