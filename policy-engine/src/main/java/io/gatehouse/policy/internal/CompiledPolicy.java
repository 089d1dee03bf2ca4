package io.gatehouse.policy.internal;

import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyKind;
import java.util.Optional;

/** The compiled form of one document. Immutable and thread-safe. */
final class CompiledPolicy implements Policy {
    private final String json;
    private final PolicyKind kind;
    private final String version;
    private final String id;
    final CompiledStatement[] statements;
    /** This document's own action index, shared when it is the only policy of its role. */
    final MergedIndex index;

    CompiledPolicy(String json, PolicyKind kind, String version, String id, CompiledStatement[] statements) {
        this.json = json;
        this.kind = kind;
        this.version = version;
        this.id = id;
        this.statements = statements;
        this.index = MergedIndex.of(java.util.List.<CompiledStatement[]>of(statements));
    }

    @Override
    public String json() {
        return json;
    }

    @Override
    public PolicyKind kind() {
        return kind;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    @Override
    public int statementCount() {
        return statements.length;
    }

    @Override
    public String toString() {
        return "Policy[" + kind + ", " + statements.length + " statements]";
    }
}
