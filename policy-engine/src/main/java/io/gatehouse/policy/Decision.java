package io.gatehouse.policy;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one request, with its reasons.
 *
 * @param outcome allowed, explicit deny or implicit deny
 * @param matched the statements that decided it: for an explicit deny the Deny statements that
 *     matched; for an allow the Allow statements of every gate that passed (guardrails, boundary,
 *     session policies, and the identity- or resource-based grant)
 * @param reason one sentence saying why, fit for an AccessDenied message ("because ...")
 */
public record Decision(Outcome outcome, List<MatchedStatement> matched, String reason) {
    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        matched = List.copyOf(matched);
        Objects.requireNonNull(reason, "reason");
    }

    /** True only for {@link Outcome#ALLOWED}. */
    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
