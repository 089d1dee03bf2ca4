/**
 * The IAM JSON policy language (Version 2012-10-17 and 2008-10-17) and AWS's policy evaluation
 * logic, as a pure library.
 *
 * <p>The public contract is small: {@link io.gatehouse.policy.PolicyEngine} compiles documents into
 * immutable {@link io.gatehouse.policy.Policy} objects, validates and lints them, and evaluates a
 * {@link io.gatehouse.policy.Request} against a {@link io.gatehouse.policy.PolicySet}, returning a
 * {@link io.gatehouse.policy.Decision} that names the statements which decided it. A document that
 * is not a valid policy is refused with {@link io.gatehouse.policy.MalformedPolicyException}; a
 * fault of the engine itself surfaces as {@link io.gatehouse.policy.PolicyEngineException}.
 *
 * <p>The engine evaluates exactly the request context it is given: deriving {@code aws:username},
 * {@code aws:PrincipalTag/*} and the other global keys from a caller is the server's job.
 */
package io.gatehouse.policy;
