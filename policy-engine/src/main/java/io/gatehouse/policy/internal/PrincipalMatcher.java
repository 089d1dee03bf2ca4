package io.gatehouse.policy.internal;

import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.PrincipalType;
import java.util.List;
import java.util.Objects;

/**
 * A statement's Principal or NotPrincipal element, compiled. Matching says how a principal was
 * named, because AWS's evaluation treats the forms differently: naming the account delegates to
 * the account's own policies, naming a role covers its sessions but stays inside the role's
 * boundary and session policies, naming the principal itself grants directly.
 */
final class PrincipalMatcher {
    /** How a principal was matched, weakest first. */
    enum Match { NONE, ACCOUNT, ROLE, DIRECT }

    private enum Kind { ANY, ACCOUNT, ARN, ROLE, SERVICE, FEDERATED, CANONICAL, UNIQUE_ID }

    private record Entry(Kind kind, String value, String account, String name) {}

    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("\\d{12}");
    private static final java.util.regex.Pattern UNIQUE_ID_PATTERN =
            java.util.regex.Pattern.compile("A[A-Z0-9]{3}[A-Z0-9]{12,124}");

    private final boolean negated;
    private final Entry[] entries;

    private PrincipalMatcher(boolean negated, Entry[] entries) {
        this.negated = negated;
        this.entries = entries;
    }

    /** Whether the element is {@code "*"} or {@code {"AWS": "*"}} alone (public access). */
    boolean isWildcard() {
        return !negated && entries.length == 1 && entries[0].kind() == Kind.ANY;
    }

    boolean negated() {
        return negated;
    }

    Match match(Principal principal) {
        Match best = Match.NONE;
        for (Entry entry : entries) {
            Match m = matchEntry(entry, principal);
            if (m.ordinal() > best.ordinal()) {
                best = m;
            }
        }
        if (negated) {
            // NotPrincipal exempts only what it names exactly: an account entry exempts the account
            // itself, not its users, and a role entry not its sessions (AWS's NotPrincipal page).
            return best == Match.DIRECT ? Match.NONE : Match.DIRECT;
        }
        return best;
    }

    private static Match matchEntry(Entry e, Principal p) {
        switch (e.kind()) {
            case ANY:
                return Match.DIRECT;
            case ACCOUNT:
                if (!e.account().equals(p.accountId()) || p.type() == PrincipalType.FEDERATED) {
                    return Match.NONE;
                }
                return p.type() == PrincipalType.ROOT ? Match.DIRECT : Match.ACCOUNT;
            case ARN:
                return e.value().equals(p.arn()) ? Match.DIRECT : Match.NONE;
            case ROLE:
                if (p.type() == PrincipalType.ROLE && e.value().equals(p.arn())) {
                    return Match.DIRECT;
                }
                return p.type() == PrincipalType.ASSUMED_ROLE && e.account().equals(p.accountId())
                        && e.name().equals(p.name()) ? Match.ROLE : Match.NONE;
            case SERVICE:
                return p.type() == PrincipalType.SERVICE && e.value().equalsIgnoreCase(p.name())
                        ? Match.DIRECT : Match.NONE;
            case FEDERATED:
                return p.type() == PrincipalType.FEDERATED && e.value().equals(p.name()) ? Match.DIRECT : Match.NONE;
            case CANONICAL:
                return p.type() == PrincipalType.CANONICAL_USER && e.value().equals(p.name())
                        ? Match.DIRECT : Match.NONE;
            default:
                return Match.NONE;
        }
    }

    /** Compiles {@code "*"} (values null) or a map of principal type to its values. */
    static PrincipalMatcher compile(boolean negated, String field, java.util.Map<String, List<String>> byType,
            String where) {
        if (byType == null) {
            return new PrincipalMatcher(negated, new Entry[] {new Entry(Kind.ANY, "*", null, null)});
        }
        java.util.ArrayList<Entry> entries = new java.util.ArrayList<>();
        for (var typeValues : byType.entrySet()) {
            for (String value : typeValues.getValue()) {
                entries.add(entry(typeValues.getKey(), value, field, where));
            }
        }
        return new PrincipalMatcher(negated, entries.toArray(new Entry[0]));
    }

    private static Entry entry(String type, String value, String field, String where) {
        switch (type) {
            case "AWS":
                return awsEntry(value, field, where);
            case "Service":
                requireNonEmpty(value, field, type, where);
                return value.equals("*") ? new Entry(Kind.ANY, value, null, null) : new Entry(Kind.SERVICE, value, null, null);
            case "Federated":
                requireNonEmpty(value, field, type, where);
                return new Entry(Kind.FEDERATED, value, null, null);
            case "CanonicalUser":
                requireNonEmpty(value, field, type, where);
                return new Entry(Kind.CANONICAL, value, null, null);
            default:
                throw new MalformedPolicyException(where + ": " + field + " has unknown principal type \"" + type
                        + "\"; expected AWS, Service, Federated or CanonicalUser");
        }
    }

    private static Entry awsEntry(String value, String field, String where) {
        if (value.equals("*")) {
            return new Entry(Kind.ANY, value, null, null);
        }
        if (ACCOUNT_ID.matcher(value).matches()) {
            return new Entry(Kind.ACCOUNT, value, value, null);
        }
        if (UNIQUE_ID_PATTERN.matcher(value).matches()) {
            return new Entry(Kind.UNIQUE_ID, value, null, null);
        }
        String[] parts = value.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && parts[3].isEmpty() && ACCOUNT_ID.matcher(parts[4]).matches()) {
            if (parts[2].equals("iam") && parts[5].equals("root")) {
                return new Entry(Kind.ACCOUNT, value, parts[4], null);
            }
            try {
                Principal p = Principal.fromArn(value);
                Kind kind = p.type() == PrincipalType.ROLE ? Kind.ROLE : Kind.ARN;
                return new Entry(kind, value, p.accountId(), p.name());
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw new MalformedPolicyException(where + ": " + field + " AWS value \"" + value
                + "\" is not \"*\", an account id, or an IAM or STS principal ARN");
    }

    private static void requireNonEmpty(String value, String field, String type, String where) {
        if (Objects.requireNonNull(value).isEmpty()) {
            throw new MalformedPolicyException(where + ": " + field + " " + type + " value must not be empty");
        }
    }
}
