package io.gatehouse.policy.internal;

import io.gatehouse.policy.MatchedStatement;
import java.util.ArrayList;
import java.util.List;

/** The statements of one kind that matched a request; allocates only on the first hit. */
final class Hits {
    private List<MatchedStatement> list;

    void add(MatchedStatement statement) {
        if (list == null) {
            list = new ArrayList<>(2);
        }
        list.add(statement);
    }

    boolean isEmpty() {
        return list == null;
    }

    List<MatchedStatement> list() {
        return list == null ? List.of() : list;
    }

    MatchedStatement first() {
        return list.get(0);
    }
}
