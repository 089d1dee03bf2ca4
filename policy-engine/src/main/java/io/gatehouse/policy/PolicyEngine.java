package io.gatehouse.policy;

import io.gatehouse.policy.internal.DefaultPolicyEngine;

/**
 * Compiles, validates and evaluates IAM policies. Implementations are thread-safe and stateless;
 * compiled {@link Policy} objects may be cached and shared freely.
 */
public interface PolicyEngine {

    /** The engine. */
    static PolicyEngine create() {
        return DefaultPolicyEngine.INSTANCE;
    }

    /**
     * Parses, validates and compiles a document, with the kind's default size limit.
     *
     * @throws MalformedPolicyException naming the statement and field, if the document is refused
     */
    Policy compile(String json, PolicyKind kind);

    /**
     * As {@link #compile(String, PolicyKind)} with an explicit limit on the document's size in
     * characters excluding white space (IAM's limits differ between inline policies of users,
     * groups and roles).
     */
    Policy compile(String json, PolicyKind kind, int maxSize);

    /** Validates a document and lints it for risky grants; never throws for bad input. */
    ValidationReport validate(String json, PolicyKind kind);

    /**
     * Indexes a policy set for repeated evaluation. Cost is linear in its statements; cache the
     * result (per principal) rather than preparing per request.
     */
    PreparedPolicySet prepare(PolicySet policies);

    /**
     * Decides a request against a prepared set; see {@link #evaluate(PolicySet, Request)}. The cost
     * grows with the statements that could match the request's action, not with the set's size.
     */
    Decision evaluate(PreparedPolicySet policies, Request request);

    /**
     * Decides a request following AWS's documented evaluation order: an explicit Deny anywhere
     * wins; every guardrail level must allow; a resource-based policy may grant (alone within the
     * account for a principal it names, together with an identity-based Allow across accounts);
     * the permissions boundary and session policies must allow what identity-based policies grant;
     * otherwise the request is implicitly denied. Prepares the set on every call: for repeated
     * decisions over the same set use {@link #prepare(PolicySet)}.
     */
    Decision evaluate(PolicySet policies, Request request);
}
