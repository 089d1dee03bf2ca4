package io.gatehouse.policy;

import io.gatehouse.policy.internal.JsonLineSimulator;

/**
 * Decides simulation cases written as JSON, one case per line, as {@code gatehouse policy
 * simulate} reads them. Input:
 *
 * <pre>{"policies": {"identity": [doc, ...], "resource": doc|null, "boundary": doc|null,
 *               "session": [doc, ...]|null, "scp": [level, ...]|null},
 *  "request": {"principalArn": "...", "action": "...", "resource": "...",
 *              "resourceAccount": "..." (optional), "context": {"key": "v" or ["v1", "v2"]}}}</pre>
 *
 * where a doc is a JSON object or a string holding one, and each scp level is a doc or an array of
 * docs. Output: {@code {"decision": "allowed|explicitDeny|implicitDeny", "matched": [{"policy":
 * "identity[0]", "statement": 0, "sid": "...", "effect": "Allow"}], "reason": "..."}}, or for a bad
 * case {@code {"error": {"code": "MalformedPolicyDocument|InvalidInput", "message": "..."}}}. A bad
 * case never throws.
 */
public interface PolicySimulator {

    /** A simulator that keeps a bounded cache of compiled documents; thread-safe. */
    static PolicySimulator create() {
        return new JsonLineSimulator(PolicyEngine.create());
    }

    /** Decides one case; returns one line of JSON (without a line break). */
    String simulate(String caseJson);
}
