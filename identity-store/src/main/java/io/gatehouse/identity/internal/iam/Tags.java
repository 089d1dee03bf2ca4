package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.persistence.TagEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags of users, roles and policies, and of permission sets and organization resources (stored by
 * the entity's or resource's id: organization ids cannot collide with IAM unique ids).
 */
public final class Tags {
    private Tags() {}

    public static Map<String, String> of(String entityId) {
        Map<String, String> tags = new LinkedHashMap<>();
        TagEntity.<TagEntity>list("entityId = ?1 order by keyLower", entityId).forEach(t -> tags.put(t.key, t.value));
        return tags;
    }

    /** Adds or replaces tags (a key that differs only in case replaces), enforcing the 50-tag limit. */
    public static void put(String entityId, Map<String, String> tags) {
        Constraints.tags(tags);
        if (tags.isEmpty()) {
            return; // nothing added: the entity's count cannot have grown (CreateUser without tags)
        }
        if (store(entityId, tags) > Constraints.MAX_TAGS) {
            throw AwsException.limitExceeded("Cannot exceed quota for TagsPerResource: " + Constraints.MAX_TAGS);
        }
    }

    /**
     * Adds or replaces tags (a key that differs only in case replaces) and answers how many the
     * entity has now; the caller refuses too many in its API's words (its transaction rolls back).
     */
    public static long store(String entityId, Map<String, String> tags) {
        for (var e : tags.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            TagEntity.delete("entityId = ?1 and keyLower = ?2", entityId, lower);
            TagEntity tag = new TagEntity();
            tag.entityId = entityId;
            tag.keyLower = lower;
            tag.key = e.getKey();
            tag.value = e.getValue();
            tag.persist();
        }
        TagEntity.getEntityManager().flush();
        return TagEntity.count("entityId", entityId);
    }

    public static void remove(String entityId, Collection<String> keys) {
        for (String key : keys) {
            TagEntity.delete("entityId = ?1 and keyLower = ?2", entityId, key.toLowerCase(Locale.ROOT));
        }
    }

    public static void removeAll(String entityId) {
        TagEntity.delete("entityId", entityId);
    }

    /** {@code <Tags><member><Key/><Value/></member>...</Tags>}; nothing when there are none. */
    public static void write(XmlWriter xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.start("Tags");
        tags.forEach((k, v) -> xml.start("member").element("Key", k).element("Value", v).end("member"));
        xml.end("Tags");
    }

    /** As {@link #write} but always present (ListXxxTags answers an empty list). */
    public static void writeList(XmlWriter xml, Map<String, String> tags) {
        xml.start("Tags");
        tags.forEach((k, v) -> xml.start("member").element("Key", k).element("Value", v).end("member"));
        xml.end("Tags");
        xml.element("IsTruncated", false);
    }

    public static List<String> keys(Map<String, String> tags) {
        return List.copyOf(tags.keySet());
    }
}
