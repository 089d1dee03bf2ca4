package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Every policy that applies to one request, by the role it plays in AWS's evaluation logic.
 *
 * @param identity identity-based policies (the principal's own, its groups', attached and inline)
 * @param resource the resource-based policy (or a role's trust policy), or null
 * @param boundary the permissions boundary, or null when the principal has none
 * @param session session policies, or null when the request is not made with a session that has
 *     them; an empty list is a session whose policies allow nothing (GetFederationToken without a
 *     policy)
 * @param scp service control policies by level, from the organization root down to the account;
 *     null where no guardrails apply (the management account)
 */
public record PolicySet(List<Policy> identity, Policy resource, Policy boundary, List<Policy> session,
        List<List<Policy>> scp) {

    public PolicySet {
        identity = identity == null ? List.of() : List.copyOf(identity);
        session = session == null ? null : List.copyOf(session);
        if (scp != null) {
            List<List<Policy>> levels = new ArrayList<>(scp.size());
            scp.forEach(level -> levels.add(List.copyOf(level)));
            scp = List.copyOf(levels);
        }
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PolicySet}; unset parts are absent. */
    public static final class Builder {
        private final List<Policy> identity = new ArrayList<>();
        private Policy resource;
        private Policy boundary;
        private List<Policy> session;
        private List<List<Policy>> scp;

        private Builder() {}

        public Builder identity(Policy policy) {
            identity.add(policy);
            return this;
        }

        public Builder identity(List<Policy> policies) {
            identity.addAll(policies);
            return this;
        }

        public Builder resource(Policy policy) {
            this.resource = policy;
            return this;
        }

        public Builder boundary(Policy policy) {
            this.boundary = policy;
            return this;
        }

        /** Sets the session policies (an empty list allows nothing). */
        public Builder session(List<Policy> policies) {
            this.session = policies;
            return this;
        }

        /** Adds one guardrail level below those already added. */
        public Builder scpLevel(List<Policy> level) {
            if (scp == null) {
                scp = new ArrayList<>();
            }
            scp.add(level);
            return this;
        }

        public PolicySet build() {
            return new PolicySet(identity, resource, boundary, session, scp);
        }
    }
}
