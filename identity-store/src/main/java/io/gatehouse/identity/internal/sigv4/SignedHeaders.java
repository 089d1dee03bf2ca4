package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.Locale;
import java.util.List;
import java.util.TreeSet;

/** Parses the {@code SignedHeaders} list, which must name {@code host}. */
final class SignedHeaders {
    private SignedHeaders() {}

    /**
     * Lower-cases, sorts and de-duplicates the ';'-separated names (every SDK sends them that way
     * already; normalising costs nothing and a client that did not would fail the signature anyway).
     */
    static List<String> parse(String list) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : list.split(";", -1)) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                throw AwsException.incompleteSignature("SignedHeaders contains an empty header name");
            }
            names.add(n);
        }
        // AWS requires host to be signed: without it a signature could be replayed against another endpoint.
        if (!names.contains("host")) {
            throw AwsException.incompleteSignature("Signature must include the 'host' header in SignedHeaders");
        }
        return List.copyOf(names);
    }
}
