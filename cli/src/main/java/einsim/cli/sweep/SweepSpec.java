package einsim.cli.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file: the subcommand, fixed options, and axes whose cross product is the design points.
 *
 * <pre>
 * command: roofline                       # any einsim subcommand ("cascade analyze" for nested ones)
 * fixed: {model: meta-llama/Llama-2-7b-hf, stage: decode, seqlen: 1024}
 * grid: {hardware: [nvidia_A100_80G, nvidia_H100], batch: [1, 8, 64]}   # crossed, last axis fastest
 * zip:                                    # axes stepped together, crossed with the grid
 *   - {w-bit: [16, 8, 4], a-bit: [16, 8, 16]}
 * exclude: [{hardware: nvidia_H100, batch: 64}]   # drop points that match every value given
 * </pre>
 * An axis may be a range: {@code {from: 1, to: 64, times: 2}} (1, 2, 4, ... 64) or {@code {from: 0, to: 10, step: 5}}.
 * Options are the command's long option names without dashes; {@code args} holds positional arguments; a key such as
 * {@code arch.rows} overrides field {@code rows} inside the YAML file given to option {@code arch}.
 */
public final class SweepSpec {
    private static final Set<String> KEYS = Set.of("command", "fixed", "grid", "zip", "exclude");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String source;
    private final List<String> command;
    private final Map<String, JsonNode> fixed;
    private final List<List<Axis>> groups; // each group: zipped axes; groups are crossed
    private final List<Map<String, JsonNode>> exclude;

    /** One axis: an option and its values. */
    record Axis(String option, List<JsonNode> values) {}

    /** One design point: its id (position in the expansion) and every option with its value. */
    public record Point(long id, Map<String, JsonNode> options) {}

    private SweepSpec(String source, List<String> command, Map<String, JsonNode> fixed, List<List<Axis>> groups,
                      List<Map<String, JsonNode>> exclude) {
        this.source = source;
        this.command = command;
        this.fixed = fixed;
        this.groups = groups;
        this.exclude = exclude;
    }

    public List<String> command() { return command; }

    public String source() { return source; }

    /** Reads a sweep file, applying {@code --set path=value} overrides (e.g. {@code fixed.seqlen=2048}). */
    public static SweepSpec read(Path file, List<String> sets) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SweepException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(),
                    "check the indentation");
        } catch (IOException e) {
            throw new SweepException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        if (root == null || !root.isObject()) {
            throw new SweepException(file + ": a sweep file is a YAML map", "start with command: roofline");
        }
        ObjectNode r = (ObjectNode) root;
        for (String s : sets == null ? List.<String>of() : sets) applySet(file, r, s);
        return parse(file.toString(), r);
    }

    static SweepSpec parse(String src, ObjectNode r) {
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new SweepException(src + ": unknown key '" + k + "'", "a sweep file has command, fixed, grid, zip "
                        + "and exclude");
            }
        }
        JsonNode c = r.get("command");
        if (c == null || !c.isTextual() || c.asText().isBlank()) {
            throw new SweepException(src + ": command is missing", "write command: roofline (or simulate, cascade analyze, ...)");
        }
        List<String> command = List.of(c.asText().trim().split("\\s+"));
        Map<String, JsonNode> fixed = new LinkedHashMap<>();
        JsonNode f = r.get("fixed");
        if (f != null) {
            if (!f.isObject()) throw new SweepException(src + ": fixed must be a map of option: value", "write fixed: {batch: 1}");
            f.fields().forEachRemaining(e -> fixed.put(e.getKey(), e.getValue()));
        }
        List<List<Axis>> groups = new ArrayList<>();
        JsonNode g = r.get("grid");
        if (g != null) {
            if (!g.isObject()) throw new SweepException(src + ": grid must be a map of option: [values]", "write grid: {batch: [1, 8]}");
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                groups.add(List.of(new Axis(e.getKey(), values(src, "grid." + e.getKey(), e.getValue()))));
            }
        }
        JsonNode z = r.get("zip");
        if (z != null) {
            if (!z.isArray()) throw new SweepException(src + ": zip must be a list of maps of axes stepped together",
                    "write zip: [{w-bit: [16, 8], a-bit: [16, 8]}]");
            int gi = 0;
            for (JsonNode group : z) {
                List<Axis> axes = new ArrayList<>();
                int len = -1;
                for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    List<JsonNode> v = values(src, "zip[" + gi + "]." + e.getKey(), e.getValue());
                    if (len >= 0 && v.size() != len) {
                        throw new SweepException(src + ": zip[" + gi + "]." + e.getKey() + " has " + v.size()
                                + " values but the other zipped axes have " + len, "give zipped axes equal lengths");
                    }
                    len = v.size();
                    axes.add(new Axis(e.getKey(), v));
                }
                if (!axes.isEmpty()) groups.add(axes);
                gi++;
            }
        }
        List<Map<String, JsonNode>> exclude = new ArrayList<>();
        JsonNode x = r.get("exclude");
        if (x != null) {
            if (!x.isArray()) throw new SweepException(src + ": exclude must be a list of maps", "write exclude: [{batch: 64}]");
            for (JsonNode m : x) {
                Map<String, JsonNode> e = new LinkedHashMap<>();
                m.fields().forEachRemaining(y -> e.put(y.getKey(), y.getValue()));
                exclude.add(e);
            }
        }
        for (List<Axis> grp : groups) {
            for (Axis a : grp) {
                if (fixed.containsKey(a.option())) {
                    throw new SweepException(src + ": option '" + a.option() + "' is both fixed and swept", "keep it in one place");
                }
            }
        }
        return new SweepSpec(src, command, fixed, groups, exclude);
    }

    private static List<JsonNode> values(String src, String where, JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        } else if (v.isObject() && v.has("from") && v.has("to")) {
            BigDecimal from = v.get("from").decimalValue();
            BigDecimal to = v.get("to").decimalValue();
            if (v.has("times")) {
                BigDecimal k = v.get("times").decimalValue();
                if (k.compareTo(BigDecimal.ONE) <= 0 || from.signum() <= 0) {
                    throw new SweepException(src + ": " + where + ": a geometric range needs from > 0 and times > 1",
                            "write {from: 1, to: 64, times: 2}");
                }
                for (BigDecimal x = from; x.compareTo(to) <= 0; x = x.multiply(k)) out.add(number(x));
            } else {
                BigDecimal step = v.has("step") ? v.get("step").decimalValue() : BigDecimal.ONE;
                if (step.signum() <= 0) throw new SweepException(src + ": " + where + ": step must be > 0", "write step: 1");
                for (BigDecimal x = from; x.compareTo(to) <= 0; x = x.add(step)) out.add(number(x));
            }
        } else {
            throw new SweepException(src + ": " + where + " must be a list of values or a range",
                    "write [1, 8, 64] or {from: 1, to: 64, times: 2}");
        }
        if (out.isEmpty()) throw new SweepException(src + ": " + where + " has no values", "give at least one value");
        if (out.size() > 1_000_000) throw new SweepException(src + ": " + where + " has " + out.size() + " values",
                "split the sweep");
        return out;
    }

    private static JsonNode number(BigDecimal x) {
        BigDecimal s = x.stripTrailingZeros();
        if (s.scale() <= 0) return JsonNodeFactory.instance.numberNode(s.longValueExact());
        return JsonNodeFactory.instance.numberNode(x.doubleValue());
    }

    private static void applySet(Path file, ObjectNode root, String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) throw new SweepException("--set " + set + ": expected path=value", "write --set fixed.seqlen=2048");
        String[] path = set.substring(0, eq).split("\\.");
        JsonNode value;
        try {
            value = YAML.readTree(set.substring(eq + 1));
        } catch (JacksonException e) {
            throw new SweepException("--set " + set + ": the value is not valid YAML", "quote it or write a list as [1, 2]");
        }
        ObjectNode cur = root;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode n = cur.get(path[i]);
            if (n == null) n = cur.putObject(path[i]);
            if (!n.isObject()) throw new SweepException("--set " + set + ": " + path[i] + " in " + file + " is not a map", null);
            cur = (ObjectNode) n;
        }
        cur.set(path[path.length - 1], value == null ? JsonNodeFactory.instance.nullNode() : value);
    }

    /** Every design point, in a fixed order: groups in the order written, the last one fastest. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        int[] sizes = new int[groups.size()];
        long total = 1;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = groups.get(i).get(0).values().size();
            total = Math.multiplyExact(total, sizes[i]);
        }
        if (total > 10_000_000) throw new SweepException(source + ": the sweep has " + total + " points",
                "split it into sweeps of at most 10 million points");
        int[] idx = new int[sizes.length];
        for (long n = 0; n < total; n++) {
            Map<String, JsonNode> opts = new LinkedHashMap<>(fixed);
            for (int gi = 0; gi < groups.size(); gi++) {
                for (Axis a : groups.get(gi)) opts.put(a.option(), a.values().get(idx[gi]));
            }
            if (!excluded(opts)) out.add(new Point(out.size(), opts));
            for (int gi = sizes.length - 1; gi >= 0; gi--) {
                if (++idx[gi] < sizes[gi]) break;
                idx[gi] = 0;
            }
        }
        return out;
    }

    /** The options that vary, in axis order (the store's option columns, after the fixed ones). */
    public List<String> optionColumns() {
        List<String> cols = new ArrayList<>(fixed.keySet());
        for (List<Axis> g : groups) for (Axis a : g) cols.add(a.option());
        return cols;
    }

    private boolean excluded(Map<String, JsonNode> opts) {
        for (Map<String, JsonNode> e : exclude) {
            boolean all = true;
            for (Map.Entry<String, JsonNode> x : e.entrySet()) {
                JsonNode v = opts.get(x.getKey());
                if (v == null || !same(v, x.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) return true;
        }
        return false;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.asText().equals(b.asText());
    }

    /** A stable description of the points, to tell whether a store belongs to this sweep. */
    public String fingerprint(List<Point> points) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(String.join(" ", command));
        for (Point p : points) {
            ObjectNode o = a.addObject();
            p.options().forEach(o::set);
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(a.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 12) + "-" + points.size();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
