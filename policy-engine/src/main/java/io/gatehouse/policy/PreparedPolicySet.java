package io.gatehouse.policy;

/**
 * A {@link PolicySet} made ready for repeated evaluation: the statements of all its policies are
 * indexed together by the service of their actions, so that a decision touches only statements
 * that could match its action, however many policies the set holds. Obtain one from
 * {@link PolicyEngine#prepare(PolicySet)}; immutable and thread-safe, meant to be cached per
 * principal and shared.
 */
public interface PreparedPolicySet {
    /** The policies this was prepared from. */
    PolicySet policies();
}
