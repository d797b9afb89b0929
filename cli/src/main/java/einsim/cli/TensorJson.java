package einsim.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.cascade.CascadeException;
import einsim.cascade.interp.DenseTensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tensors as JSON, in the layout of the shared worked example: {@code {"Q": {"ranks": ["E","P"], "data": [[...]]}}}
 * with data nested outermost rank first; a bare nested array is accepted too. Infinities are the strings
 * {@code "Infinity"} and {@code "-Infinity"}.
 */
final class TensorJson {
    private TensorJson() {}

    static Map<String, double[]> readFlat(Path file, Map<String, int[]> expected) {
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS).readTree(file.toFile());
        } catch (JacksonException e) {
            throw new CascadeException(file + ": not valid JSON: " + e.getOriginalMessage(),
                    "write {\"Q\": {\"ranks\": [\"E\", \"P\"], \"data\": [[1, 2], [3, 4]]}}");
        } catch (IOException e) {
            throw new CascadeException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        if (root == null || !root.isObject()) {
            throw new CascadeException(file + ": expected a JSON object of tensors by name", "write {\"Q\": {...}}");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int[] want = expected.get(e.getKey());
            if (want == null) {
                throw new CascadeException(file + ": " + e.getKey() + " is not an input of the cascade (inputs: "
                        + expected.keySet() + ")", "remove it, or check the name");
            }
            JsonNode data = e.getValue().isObject() ? e.getValue().get("data") : e.getValue();
            List<Integer> ext = new ArrayList<>();
            List<Double> flat = new ArrayList<>();
            shape(data, ext, 0, file, e.getKey());
            flatten(data, flat, file, e.getKey());
            int[] got = ext.stream().mapToInt(Integer::intValue).toArray();
            if (!java.util.Arrays.equals(got, want)) {
                throw new CascadeException(file + ": " + e.getKey() + " has shape " + java.util.Arrays.toString(got)
                        + " but the cascade needs " + java.util.Arrays.toString(want), "check the rank sizes");
            }
            out.put(e.getKey(), flat.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    private static void shape(JsonNode n, List<Integer> ext, int depth, Path file, String name) {
        if (n == null) throw new CascadeException(file + ": " + name + " has no data", "add \"data\": [...]");
        if (!n.isArray()) return;
        if (ext.size() == depth) ext.add(n.size());
        else if (ext.get(depth) != n.size()) {
            throw new CascadeException(file + ": " + name + " is ragged: rows of " + ext.get(depth) + " and " + n.size()
                    + " values at depth " + depth, "give every row the same length");
        }
        for (JsonNode c : n) shape(c, ext, depth + 1, file, name);
    }

    private static void flatten(JsonNode n, List<Double> out, Path file, String name) {
        if (n.isArray()) {
            for (JsonNode c : n) flatten(c, out, file, name);
        } else if (n.isNumber()) {
            out.add(n.asDouble());
        } else if (n.isTextual() && (n.asText().equals("Infinity") || n.asText().equals("-Infinity") || n.asText().equals("NaN"))) {
            out.add(Double.parseDouble(n.asText()));
        } else {
            throw new CascadeException(file + ": " + name + " holds " + n + ", not a number", "write numbers only");
        }
    }

    static ObjectNode write(DenseTensor t) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode ranks = o.putArray("ranks");
        t.ranks().forEach(ranks::add);
        int[] ext = t.extents();
        if (ext.length == 0) {
            put(o, "data", t.data()[0]);
            return o;
        }
        o.set("data", nest(t.data(), ext, 0, 0));
        return o;
    }

    private static ArrayNode nest(double[] data, int[] ext, int depth, int base) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        int stride = 1;
        for (int j = depth + 1; j < ext.length; j++) stride *= ext[j];
        for (int i = 0; i < ext[depth]; i++) {
            if (depth == ext.length - 1) add(a, data[base + i]);
            else a.add(nest(data, ext, depth + 1, base + i * stride));
        }
        return a;
    }

    private static void add(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.add(Double.toString(v));
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) o.put(k, v);
        else o.put(k, Double.toString(v));
    }
}
