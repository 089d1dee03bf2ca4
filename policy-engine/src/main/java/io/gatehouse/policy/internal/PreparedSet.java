package io.gatehouse.policy.internal;

import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PreparedPolicySet;
import java.util.List;

/** A policy set with merged action indices per role; immutable. */
final class PreparedSet implements PreparedPolicySet {
    private final PolicySet policies;
    final MergedIndex identity;
    final MergedIndex session;
    final MergedIndex[] scpLevels;
    final MergedIndex boundary;
    final MergedIndex resource;

    PreparedSet(PolicySet policies) {
        this.policies = policies;
        this.identity = MergedIndex.build(policies.identity());
        this.session = policies.session() == null ? null : MergedIndex.build(policies.session());
        this.boundary = one(policies.boundary());
        this.resource = one(policies.resource());
        List<List<Policy>> scp = policies.scp();
        this.scpLevels = scp == null ? null : scp.stream().map(MergedIndex::build).toArray(MergedIndex[]::new);
    }

    private static MergedIndex one(Policy policy) {
        return policy == null ? null : ((CompiledPolicy) policy).index;
    }

    @Override
    public PolicySet policies() {
        return policies;
    }
}
