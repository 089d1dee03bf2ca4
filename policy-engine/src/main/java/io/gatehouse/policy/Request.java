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
 */
public record Request(Principal principal, String action, String resource, String resourceAccount,
        RequestContext context) {

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

    /** Whether the resource lives in another account than the caller's. */
    public boolean crossAccount() {
        return resourceAccount != null && !resourceAccount.equals(principal.accountId());
    }
}
