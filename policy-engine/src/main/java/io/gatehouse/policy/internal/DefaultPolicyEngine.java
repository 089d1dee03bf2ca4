package io.gatehouse.policy.internal;

import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Finding;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyEngineException;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PreparedPolicySet;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.Severity;
import io.gatehouse.policy.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The engine: stateless, so one shared instance serves every caller. */
public final class DefaultPolicyEngine implements PolicyEngine {
    /** The shared instance. */
    public static final DefaultPolicyEngine INSTANCE = new DefaultPolicyEngine();

    private DefaultPolicyEngine() {}

    @Override
    public Policy compile(String json, PolicyKind kind) {
        return compile(json, kind, kind.maxSize());
    }

    @Override
    public Policy compile(String json, PolicyKind kind, int maxSize) {
        Objects.requireNonNull(kind, "kind");
        try {
            return PolicyParser.parse(json, kind, maxSize);
        } catch (MalformedPolicyException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new PolicyEngineException("policy compilation failed unexpectedly", e);
        }
    }

    @Override
    public ValidationReport validate(String json, PolicyKind kind) {
        List<Finding> findings = new ArrayList<>();
        try {
            compile(json, kind);
        } catch (MalformedPolicyException e) {
            findings.add(new Finding(Severity.ERROR, "MALFORMED", location(e.getMessage()), e.getMessage()));
            return new ValidationReport(findings);
        }
        findings.addAll(Linter.lint(json));
        findings.sort((a, b) -> a.severity().compareTo(b.severity()));
        return new ValidationReport(findings);
    }

    @Override
    public PreparedPolicySet prepare(PolicySet policies) {
        return new PreparedSet(Objects.requireNonNull(policies, "policies"));
    }

    @Override
    public Decision evaluate(PreparedPolicySet policies, Request request) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(request, "request");
        return Evaluator.evaluate((PreparedSet) policies, request);
    }

    @Override
    public Decision evaluate(PolicySet policies, Request request) {
        return evaluate(prepare(policies), request);
    }

    private static String location(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? "Policy document" : message.substring(0, colon);
    }
}
