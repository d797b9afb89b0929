package einsim.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code --ranks M=1024,P=1K,M0=256}; K, M and G mean 2^10, 2^20 and 2^30 (FuseMax's 1K = 1024). */
final class RankSizes {
    private RankSizes() {}

    static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new Main.UsageError("--ranks: '" + p + "' is not NAME=SIZE", "write --ranks M=1024,P=1024,E=64");
            }
            String name = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            if (!name.matches("[A-Z][A-Za-z0-9_]*")) {
                throw new Main.UsageError("--ranks: rank name '" + name + "' must start with an upper-case letter",
                        "write --ranks " + (name.isEmpty() ? "M" : name.toUpperCase()) + "=" + value);
            }
            long mult = 1;
            char last = Character.toUpperCase(value.charAt(value.length() - 1));
            if (last == 'K' || last == 'M' || last == 'G') {
                mult = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
                value = value.substring(0, value.length() - 1);
            }
            long v;
            try {
                v = Math.multiplyExact(Long.parseLong(value), mult);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new Main.UsageError("--ranks: size of " + name + " '" + p.substring(eq + 1).trim()
                        + "' is not a whole number", "write " + name + "=1024 or " + name + "=1K");
            }
            if (v < 1) {
                throw new Main.UsageError("--ranks: " + name + "=" + v + " must be at least 1", "sizes are positive");
            }
            if (out.containsKey(name) && out.get(name) != v) {
                throw new Main.UsageError("--ranks: " + name + " is given twice (" + out.get(name) + " and " + v + ")",
                        "give each rank once");
            }
            out.put(name, v);
        }
        return out;
    }
}
