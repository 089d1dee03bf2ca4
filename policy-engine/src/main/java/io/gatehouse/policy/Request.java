package io.gatehouse.policy;

import java.util.Objects;

/**
 * One request to decide.
 *
 * @param principal who asks
 * @param action the action, {@code service:Name} (matched case-insensitively)
 * @param resource the resource ARN (matched case-sensitively), or {@code *}
 * @param resourceAccount the account that owns the resource; null means the principal's account
 * @param context the request's condition keys
 * @param resourcePolicyRequired whether the resource-based policy must allow even within one
 *     account, as a role's trust policy must: then a resource-based policy that names the principal
 *     (or the role of its session) grants as usual, one that names only the account delegates to
 *     the identity side, and without an Allow in it the request is denied. Across accounts the
 *     resource-based policy is always required.
 */
public record Request(Principal principal, String action, String resource, String resourceAccount,
        RequestContext context, boolean resourcePolicyRequired) {

    /** A request that needs the resource-based policy only across accounts (the usual rule). */
    public Request(Principal principal, String action, String resource, String resourceAccount,
            RequestContext context) {
        this(principal, action, resource, resourceAccount, context, false);
    }

    public Request {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        if (resourceAccount == null) {
            resourceAccount = principal.accountId();
        }
        if (context == null) {
            context = RequestContext.empty();
        }
    }

    /** This request, with the resource-based policy required to allow (a role's trust policy). */
    public Request requiringResourcePolicy() {
        return new Request(principal, action, resource, resourceAccount, context, true);
    }

    /** Whether the resource lives in another account than the caller's. */
    public boolean crossAccount() {
        return resourceAccount != null && !resourceAccount.equals(principal.accountId());
    }
}
