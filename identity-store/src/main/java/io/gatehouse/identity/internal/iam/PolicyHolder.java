package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user, group or role as a holder of attached and inline policies, found by name in the caller's
 * account and authorized before its absence is revealed. Immutable.
 *
 * @param kind which of the three
 * @param id the entity's unique id (AIDA..., AGPA..., AROA...)
 * @param name its name as created
 * @param arn its ARN
 * @param accountId its account
 */
record PolicyHolder(Kind kind, String id, String name, String arn, String accountId) {

    /** The three holders with the names AWS uses for them in parameters, messages and quotas. */
    enum Kind {
        USER("User", "user", 64, 2_048),
        GROUP("Group", "group", 128, 5_120),
        ROLE("Role", "role", 64, 10_240);

        final String title;
        final String lower;
        final int maxName;
        /** IAM's aggregate limit on the size of all inline policies of one holder. */
        final int inlineLimit;

        Kind(String title, String lower, int maxName, int inlineLimit) {
            this.title = title;
            this.lower = lower;
            this.maxName = maxName;
            this.inlineLimit = inlineLimit;
        }

        /** The name parameter: UserName, GroupName or RoleName. */
        String parameter() {
            return title + "Name";
        }
    }

    /**
     * The holder named by the call's {@code <Kind>Name} parameter, once the caller may perform
     * {@code action} on it; NoSuchEntity (after authorization on the ARN it would have) otherwise.
     */
    static PolicyHolder authorized(Guard guard, AwsCall call, Kind kind, String action,
            Map<String, List<String>> context) {
        String account = Guard.account(call);
        String name = Constraints.name(call.params().required(kind.parameter()), kind.lower + "Name", kind.maxName);
        PolicyHolder holder = find(account, kind, name);
        guard.require(call, action, holder != null ? holder.arn : Arns.iam(account, kind.lower, "/", name), context);
        if (holder == null) {
            throw AwsException.noSuchEntity("The " + kind.lower + " with name " + name + " cannot be found.");
        }
        if (kind == Kind.ROLE) {
            Roles.requireModifiable(holder.name, holder.arn, action);
        }
        return holder;
    }

    private static PolicyHolder find(String account, Kind kind, String name) {
        return switch (kind) {
            case USER -> UserEntity.byName(account, name)
                    .map(u -> new PolicyHolder(kind, u.id, u.name, u.arn, u.accountId)).orElse(null);
            case GROUP -> GroupEntity.byName(account, name)
                    .map(g -> new PolicyHolder(kind, g.id, g.name, g.arn, g.accountId)).orElse(null);
            case ROLE -> RoleEntity.byName(account, name)
                    .map(r -> new PolicyHolder(kind, r.id, r.name, r.arn, r.accountId)).orElse(null);
        };
    }

    /** The stored principal type of attachments and inline policies. */
    String type() {
        return kind.name();
    }

    AwsReply.Resource resource() {
        return new AwsReply.Resource("AWS::IAM::" + kind.title, arn, accountId);
    }

    /** IAM's opaque Marker for a listing sorted by {@code key}, readable by {@link Page#of}. */
    static String marker(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code <Container><member>text</member>...</Container><IsTruncated/>[<Marker/>]} for a list
     * of names sorted by their lower-case form and fetched with {@code maxItems + 1} entries.
     */
    static void writeNames(XmlWriter xml, String container, List<String> fetched, Page page) {
        boolean truncated = fetched.size() > page.maxItems();
        List<String> shown = truncated ? fetched.subList(0, page.maxItems()) : fetched;
        xml.start(container);
        shown.forEach(n -> xml.element("member", n));
        xml.end(container).element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", marker(shown.get(shown.size() - 1).toLowerCase(Locale.ROOT)));
        }
    }
}
