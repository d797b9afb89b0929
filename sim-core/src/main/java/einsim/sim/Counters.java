package einsim.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named event counts (SRAM reads of an operand, MACs, ...), in insertion order. */
public final class Counters {
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    public void add(String name, long n) { counts.computeIfAbsent(name, k -> new long[1])[0] += n; }

    public long get(String name) {
        long[] c = counts.get(name);
        return c == null ? 0 : c[0];
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v[0]));
        return Collections.unmodifiableMap(m);
    }
}
