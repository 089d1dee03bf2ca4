package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Parses the {@code SignedHeaders} list, which must name {@code host}. */
final class SignedHeaders {
    private SignedHeaders() {}

    /**
     * Lower-cases, sorts and de-duplicates the ';'-separated names (every SDK sends them that way
     * already; normalising costs nothing and a client that did not would fail the signature anyway).
     */
    static List<String> parse(String list) {
        List<String> names = new ArrayList<>(8);
        boolean ascending = true;
        int from = 0;
        while (true) {
            int semi = list.indexOf(';', from);
            String n = list.substring(from, semi < 0 ? list.length() : semi).trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                throw AwsException.incompleteSignature("SignedHeaders contains an empty header name");
            }
            ascending &= names.isEmpty() || names.get(names.size() - 1).compareTo(n) < 0;
            names.add(n);
            if (semi < 0) {
                break;
            }
            from = semi + 1;
        }
        // SDKs send the names sorted and unique: then there is nothing to sort.
        List<String> sorted = ascending ? List.copyOf(names) : List.copyOf(new TreeSet<>(names));
        // AWS requires host to be signed: without it a signature could be replayed against another endpoint.
        if (!sorted.contains("host")) {
            throw AwsException.incompleteSignature("Signature must include the 'host' header in SignedHeaders");
        }
        return sorted;
    }
}
