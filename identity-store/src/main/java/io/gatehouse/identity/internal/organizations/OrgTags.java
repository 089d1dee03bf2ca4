package io.gatehouse.identity.internal.organizations;

import io.gatehouse.identity.internal.iam.Tags;
import java.util.Map;

/**
 * Tags of accounts, OUs, the root and policies, kept with IAM's ({@link Tags}) under the
 * resource's id. At most 50 per resource, refused in the Organizations API's words.
 */
final class OrgTags {
    private OrgTags() {}

    /** Adds or replaces tags; ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED past 50. */
    static void put(String id, Map<String, String> tags) {
        if (Tags.store(id, tags) > OrgInput.MAX_TAGS) {
            throw OrgInput.constraint("MAX_TAG_LIMIT_EXCEEDED", "You have exceeded the maximum number of tags allowed"
                    + " on this resource.");
        }
    }
}
