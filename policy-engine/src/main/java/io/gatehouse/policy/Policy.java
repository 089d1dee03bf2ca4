package io.gatehouse.policy;

import java.util.Optional;

/**
 * A policy document compiled once into an immutable, thread-safe form. Obtain one from
 * {@link PolicyEngine#compile(String, PolicyKind)}; evaluate it through a {@link PolicySet}.
 */
public interface Policy {
    /** The document text as it was given. */
    String json();

    /** What the document was validated as. */
    PolicyKind kind();

    /** The effective Version: "2012-10-17", or "2008-10-17" (also when the document has none). */
    String version();

    /** The document's Id element, if any. */
    Optional<String> id();

    /** Number of statements in the document. */
    int statementCount();
}
