package einsim.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Flattens a JSON result into columns: object fields joined with {@code .}, arrays of objects that have a
 * {@code name} by that name ({@code layers.q_proj.time_s}), other arrays by index.
 */
public final class Flattener {
    private Flattener() {}

    public static void flatten(JsonNode node, String prefix, Map<String, JsonNode> out) {
        if (node == null || node.isNull()) {
            if (!prefix.isEmpty()) out.put(prefix, node);
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode x : node) {
                String key = x.isObject() && x.hasNonNull("name") && x.get("name").isTextual() ? x.get("name").asText()
                        : Integer.toString(i);
                if (x.isObject() && x.has("name")) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (e.getKey().equals("name")) continue;
                        flatten(e.getValue(), prefix + "." + key + "." + e.getKey(), out);
                    }
                } else {
                    flatten(x, prefix + "." + key, out);
                }
                i++;
            }
        } else {
            out.put(prefix, node);
        }
    }
}
