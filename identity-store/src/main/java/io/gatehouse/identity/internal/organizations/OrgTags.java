package io.gatehouse.identity.internal.organizations;

import io.gatehouse.identity.persistence.TagEntity;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tags of accounts, OUs, the root and policies, kept in iam_tag under the resource's id (ids of
 * organization resources cannot collide with IAM unique ids). At most 50 per resource.
 */
final class OrgTags {
    private OrgTags() {}

    static Map<String, String> of(String id) {
        Map<String, String> tags = new LinkedHashMap<>();
        TagEntity.<TagEntity>list("entityId = ?1 order by keyLower", id).forEach(t -> tags.put(t.key, t.value));
        return tags;
    }

    /** Adds or replaces tags; ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED past 50. */
    static void put(String id, Map<String, String> tags) {
        for (var e : tags.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            TagEntity.delete("entityId = ?1 and keyLower = ?2", id, lower);
            TagEntity tag = new TagEntity();
            tag.entityId = id;
            tag.keyLower = lower;
            tag.key = e.getKey();
            tag.value = e.getValue();
            tag.persist();
        }
        TagEntity.getEntityManager().flush();
        if (TagEntity.count("entityId", id) > OrgInput.MAX_TAGS) {
            throw OrgInput.constraint("MAX_TAG_LIMIT_EXCEEDED", "You have exceeded the maximum number of tags allowed"
                    + " on this resource.");
        }
    }

    static void remove(String id, Collection<String> keys) {
        for (String key : keys) {
            TagEntity.delete("entityId = ?1 and keyLower = ?2", id, key.toLowerCase(Locale.ROOT));
        }
    }

    static void removeAll(String id) {
        TagEntity.delete("entityId", id);
    }
}
