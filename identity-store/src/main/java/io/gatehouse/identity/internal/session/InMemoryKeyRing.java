package io.gatehouse.identity.internal.session;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A key ring held in memory: for tests and the single-process embedded default. Tokens it seals do
 * not survive a restart unless the keys are supplied again. Thread-safe: readers see an immutable
 * snapshot; {@link #rotate} and {@link #retire} replace it.
 */
public final class InMemoryKeyRing implements KeyRing {
    private record State(Key current, Map<String, Key> byId) {
    }

    private volatile State state;

    private InMemoryKeyRing(Key current, Map<String, Key> byId) {
        this.state = new State(current, Map.copyOf(byId));
    }

    /** A ring whose current key is {@code current}, still able to open tokens under {@code older}. */
    public static InMemoryKeyRing of(Key current, Key... older) {
        Objects.requireNonNull(current, "current");
        Map<String, Key> byId = new LinkedHashMap<>();
        for (Key key : older) {
            byId.put(key.id(), key);
        }
        byId.put(current.id(), current);
        return new InMemoryKeyRing(current, byId);
    }

    /** A ring with one fresh random key. */
    public static InMemoryKeyRing generate(Instant now) {
        return of(Key.random(now));
    }

    @Override
    public Key current() {
        return state.current();
    }

    @Override
    public Optional<Key> byId(String id) {
        return Optional.ofNullable(state.byId().get(id));
    }

    /** Makes a new random key current; the previous ones keep opening their tokens. Returns the new key. */
    public synchronized Key rotate(Instant now) {
        Key fresh = Key.random(now);
        while (state.byId().containsKey(fresh.id())) {
            fresh = Key.random(now);
        }
        Map<String, Key> byId = new LinkedHashMap<>(state.byId());
        byId.put(fresh.id(), fresh);
        state = new State(fresh, Map.copyOf(byId));
        return fresh;
    }

    /** Forgets an older key: its tokens stop opening. The current key cannot be retired. */
    public synchronized void retire(String id) {
        if (state.current().id().equals(id)) {
            throw new IllegalArgumentException("cannot retire the current key " + id);
        }
        Map<String, Key> byId = new LinkedHashMap<>(state.byId());
        byId.remove(id);
        state = new State(state.current(), Map.copyOf(byId));
    }

    @Override
    public String toString() {
        return "InMemoryKeyRing[current=" + state.current().id() + ", keys=" + state.byId().keySet() + "]";
    }
}
