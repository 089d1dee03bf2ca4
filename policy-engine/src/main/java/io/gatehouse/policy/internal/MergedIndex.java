package io.gatehouse.policy.internal;

import io.gatehouse.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of several policies indexed together by the service prefix of their actions:
 * one lookup per request gives, in document order, exactly the statements that could match, so the
 * cost of a decision does not grow with statements of other services or with the number of
 * policies. Statements with a wildcard service or NotAction are candidates for every service.
 * Immutable.
 */
final class MergedIndex {
    /** The candidates for one service: statement k belongs to policy {@code policy[k]}. */
    record Slice(int[] policy, CompiledStatement[] statements) {}

    private static final Slice EMPTY = new Slice(new int[0], new CompiledStatement[0]);

    private final Map<String, Slice> byService;
    private final Slice generic;

    private MergedIndex(Map<String, Slice> byService, Slice generic) {
        this.byService = byService;
        this.generic = generic;
    }

    private record Entry(int policy, CompiledStatement statement) {}

    /** The index of several compiled policies; statement k's policy is its position in the list. */
    static MergedIndex build(List<Policy> policies) {
        if (policies.size() == 1) {
            return ((CompiledPolicy) policies.get(0)).index;
        }
        List<CompiledStatement[]> documents = new ArrayList<>(policies.size());
        policies.forEach(p -> documents.add(((CompiledPolicy) p).statements));
        return of(documents);
    }

    /** The index of the statements of several documents, in order. */
    static MergedIndex of(List<CompiledStatement[]> documents) {
        if (documents.isEmpty()) {
            return new MergedIndex(Map.of(), EMPTY);
        }
        List<Entry> generic = new ArrayList<>();
        Map<String, List<Entry>> specific = new HashMap<>();
        for (int p = 0; p < documents.size(); p++) {
            for (CompiledStatement s : documents.get(p)) {
                String[] services = s.services();
                if (services == null) {
                    generic.add(new Entry(p, s));
                    continue;
                }
                Set<String> unique = new LinkedHashSet<>(List.of(services));
                for (String service : unique) {
                    specific.computeIfAbsent(service, k -> new ArrayList<>()).add(new Entry(p, s));
                }
            }
        }
        Comparator<Entry> documentOrder = Comparator.comparingInt(Entry::policy)
                .thenComparingInt(e -> e.statement().index);
        Map<String, Slice> byService = new HashMap<>();
        specific.forEach((service, entries) -> {
            entries.addAll(generic);
            entries.sort(documentOrder);
            byService.put(service, slice(entries));
        });
        return new MergedIndex(Map.copyOf(byService), slice(generic));
    }

    private static Slice slice(List<Entry> entries) {
        int[] policy = new int[entries.size()];
        CompiledStatement[] statements = new CompiledStatement[entries.size()];
        for (int i = 0; i < policy.length; i++) {
            policy[i] = entries.get(i).policy();
            statements[i] = entries.get(i).statement();
        }
        return new Slice(policy, statements);
    }

    /** The statements, in document order, that may match an action of this service. */
    Slice candidates(String service) {
        Slice found = byService.get(service);
        return found != null ? found : generic;
    }
}
