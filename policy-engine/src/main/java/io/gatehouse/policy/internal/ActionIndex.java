package io.gatehouse.policy.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Statements indexed by the service prefix of their actions, so that evaluation touches only the
 * statements that could match a request's action. Statements whose service part is a wildcard,
 * or that use NotAction, are candidates for every service. Immutable.
 */
final class ActionIndex {
    private final Map<String, int[]> byService;
    private final int[] generic;

    private ActionIndex(Map<String, int[]> byService, int[] generic) {
        this.byService = byService;
        this.generic = generic;
    }

    static ActionIndex build(CompiledStatement[] statements) {
        List<Integer> generic = new ArrayList<>();
        Map<String, TreeSet<Integer>> specific = new HashMap<>();
        for (int i = 0; i < statements.length; i++) {
            String[] services = statements[i].services();
            if (services == null) {
                generic.add(i);
                continue;
            }
            for (String service : services) {
                specific.computeIfAbsent(service, s -> new TreeSet<>()).add(i);
            }
        }
        Map<String, int[]> byService = new HashMap<>();
        specific.forEach((service, indices) -> {
            indices.addAll(generic);
            byService.put(service, indices.stream().mapToInt(Integer::intValue).toArray());
        });
        return new ActionIndex(Map.copyOf(byService), generic.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Indices, ascending, of the statements that may match an action of this service. */
    int[] candidates(String service) {
        int[] found = byService.get(service);
        return found != null ? found : generic;
    }
}
