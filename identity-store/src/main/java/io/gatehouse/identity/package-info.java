/**
 * Identity store: organization, accounts, users, groups, roles, policies, credentials, MFA,
 * permission sets and assignments; SigV4 authentication and session-token validation (turning a
 * request into a principal and its policy set); the IAM API; SCIM 2.0.
 *
 * <p>This package is the public face of the module: interfaces, records and exceptions only;
 * implementations will live in {@code .internal}, {@code .persistence} and {@code .api}.
 * The front door at {@code /} serves AWS APIs to other modules' services through two contracts:
 * {@link io.gatehouse.identity.AwsService} (Query protocol) and
 * {@link io.gatehouse.identity.JsonService} (JSON 1.1, {@code X-Amz-Target}).
 * The workforce directory (Identity Center's users and groups, served by the Identity Store API
 * and SCIM) is read by other modules through {@link io.gatehouse.identity.WorkforceDirectory}; the
 * organization's accounts (existence, status, tags; served by the Organizations API) through
 * {@link io.gatehouse.identity.OrganizationDirectory}; what a workforce user may sign in to
 * (account assignments of permission sets, through its groups) through
 * {@link io.gatehouse.identity.WorkforceAccess}.
 * Tables are prefixed {@code iam_}. Uses the policy engine and audit. Placeholder: nothing is
 * implemented yet.
 */
package io.gatehouse.identity;
