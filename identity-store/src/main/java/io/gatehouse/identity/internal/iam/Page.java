package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * IAM's Marker/MaxItems pagination over a list sorted by a key: the marker is the opaque (base64)
 * key of the last item returned. Immutable.
 *
 * @param after the key to continue after, or null for the first page
 * @param maxItems how many to return (1..1000, default 100)
 */
public record Page(String after, int maxItems) {

    public static Page of(QueryParams params) {
        int max = params.integer("MaxItems", 1, 1000).orElse(100);
        String marker = params.optional("Marker").orElse(null);
        String after = null;
        if (marker != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw AwsException.validation("Invalid Marker: it must be a value returned by a previous call");
            }
        }
        return new Page(after, max);
    }

    /**
     * One page (maxItems + 1 rows, so truncation shows) of an account's named entities whose path
     * starts with {@code pathPrefix}, in name order: the List calls of users, groups and roles.
     */
    public <T> List<T> namedUnderPath(Class<T> entity, String accountId, String pathPrefix) {
        return io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createQuery("from " + entity.getSimpleName() + " where accountId = :account and path like :path "
                        + "and nameLower > :after order by nameLower", entity)
                .setParameter("account", accountId)
                .setParameter("path", Replies.like(pathPrefix))
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(maxItems + 1)
                .getResultList();
    }

    /**
     * Writes {@code <Container><member>...</member></Container><IsTruncated/>[<Marker/>]} for a
     * list fetched with {@code maxItems + 1} rows, so truncation is known without counting.
     */
    public <T> void write(XmlWriter xml, String container, List<T> fetched, Function<T, String> key,
            java.util.function.BiConsumer<XmlWriter, T> member) {
        boolean truncated = fetched.size() > maxItems;
        List<T> shown = truncated ? fetched.subList(0, maxItems) : fetched;
        xml.start(container);
        for (T item : shown) {
            xml.start("member");
            member.accept(xml, item);
            xml.end("member");
        }
        xml.end(container);
        xml.element("IsTruncated", truncated);
        if (truncated) {
            String last = key.apply(shown.get(shown.size() - 1));
            xml.element("Marker", Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
