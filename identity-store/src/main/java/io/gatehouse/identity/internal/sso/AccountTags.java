package io.gatehouse.identity.internal.sso;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The tags of an account, for {@code aws:ResourceTag/*} when a call is authorized on
 * {@code arn:aws:sso:::account/<id>}. Accounts have no tags until AWS Organizations' account tags
 * exist; then this reads them.
 */
@ApplicationScoped
public class AccountTags {
    /** The account's tags, empty when it has none. */
    public Map<String, String> of(String accountId) {
        return Map.of();
    }
}
