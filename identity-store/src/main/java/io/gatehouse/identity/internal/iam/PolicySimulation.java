package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.protocol.XmlWriter;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.MatchedStatement;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PolicyType;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of the IAM policy simulator: the policies (each with the SourcePolicyId and
 * SourcePolicyType AWS reports for it), the simulated caller and the request context, decided for
 * every action and resource with the policy engine. Immutable.
 *
 * @param identity identity-based policies in evaluation order
 * @param boundary the permissions boundary, or null
 * @param resource the resource-based policy, or null
 * @param caller the simulated principal
 * @param resourceAccount the account owning the simulated resources
 * @param context the request's condition keys (only those the caller supplied, as AWS does)
 */
record PolicySimulation(List<PolicySimulation.Source> identity, PolicySimulation.Source boundary,
        PolicySimulation.Source resource, Principal caller, String resourceAccount, RequestContext context) {
    private static final PolicyEngine ENGINE = PolicyEngine.create();

    /** A policy with the names AWS gives it in MatchedStatements. */
    record Source(Policy policy, String id, String type) {}

    /** The answer for one action on one resource. */
    record Result(String action, String resource, Decision decision, List<Source> statementSources,
            List<MatchedStatement> statements, Set<String> missingKeys, Boolean allowedByBoundary) {}

    PolicySimulation {
        identity = List.copyOf(identity);
    }

    /** Decides every action on every resource, in that order (actions outermost). */
    List<Result> run(List<String> actions, List<String> resources) {
        PolicySet.Builder builder = PolicySet.builder().identity(identity.stream().map(Source::policy).toList());
        if (boundary != null) {
            builder.boundary(boundary.policy());
        }
        if (resource != null) {
            builder.resource(resource.policy());
        }
        PolicySet set = builder.build();
        PolicySet boundaryAlone = boundary == null ? null : PolicySet.builder().identity(boundary.policy()).build();
        List<Result> results = new ArrayList<>();
        for (String action : actions) {
            Set<String> missing = missingKeys(action);
            for (String arn : resources) {
                Request request = new Request(caller, action, arn, resourceAccount, context);
                Decision decision = ENGINE.evaluate(set, request);
                Boolean byBoundary = boundaryAlone == null ? null : ENGINE.evaluate(boundaryAlone, request).allowed();
                List<Source> sources = new ArrayList<>();
                decision.matched().forEach(m -> sources.add(sourceOf(m)));
                results.add(new Result(action, arn, decision, sources, decision.matched(), missing, byBoundary));
            }
        }
        return results;
    }

    private Set<String> missingKeys(String action) {
        Set<String> missing = new LinkedHashSet<>();
        List<Source> all = new ArrayList<>(identity);
        if (boundary != null) {
            all.add(boundary);
        }
        if (resource != null) {
            all.add(resource);
        }
        for (Source source : all) {
            for (String key : PolicyDocuments.contextKeys(source.policy().json(), action)) {
                if (context.get(key) == null) {
                    missing.add(key);
                }
            }
        }
        return missing;
    }

    private Source sourceOf(MatchedStatement m) {
        if (m.type() == PolicyType.BOUNDARY) {
            return boundary;
        }
        if (m.type() == PolicyType.RESOURCE) {
            return resource;
        }
        String label = m.policy();
        int open = label.indexOf('[');
        int index = open < 0 ? 0 : Integer.parseInt(label.substring(open + 1, label.indexOf(']', open)));
        return identity.get(index);
    }

    /** Writes one {@code EvaluationResult} (the content of its {@code member} element). */
    static void write(XmlWriter xml, Result result) {
        xml.element("EvalActionName", result.action()).element("EvalResourceName", result.resource())
                .element("EvalDecision", result.decision().outcome().wireName());
        xml.start("MatchedStatements");
        Map<Source, List<PolicyDocuments.Span>> spans = new HashMap<>();
        for (int i = 0; i < result.statements().size(); i++) {
            Source source = result.statementSources().get(i);
            List<PolicyDocuments.Span> all = spans.computeIfAbsent(source,
                    s -> PolicyDocuments.statementSpans(s.policy().json()));
            int index = result.statements().get(i).statementIndex();
            xml.start("member").element("SourcePolicyId", source.id()).element("SourcePolicyType", source.type());
            if (index < all.size()) {
                position(xml, "StartPosition", all.get(index).start());
                position(xml, "EndPosition", all.get(index).end());
            }
            xml.end("member");
        }
        xml.end("MatchedStatements");
        xml.start("MissingContextValues");
        result.missingKeys().forEach(k -> xml.element("member", k));
        xml.end("MissingContextValues");
        if (result.allowedByBoundary() != null) {
            xml.start("PermissionsBoundaryDecisionDetail")
                    .element("AllowedByPermissionsBoundary", result.allowedByBoundary())
                    .end("PermissionsBoundaryDecisionDetail");
        }
    }

    private static void position(XmlWriter xml, String name, PolicyDocuments.Position position) {
        xml.start(name).element("Line", position.line()).element("Column", position.column()).end(name);
    }
}
