package einsim.arch.compute.systolic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import einsim.arch.device.DeviceException;
import einsim.arch.device.YamlFields;
import einsim.arch.device.Provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds systolic arrays from a preset name or an architecture YAML (registered as {@code compute/systolic},
 * {@code type: systolic}). Every field is validated when loaded; errors name the file, the field, the value, the
 * rule and a hint.
 */
public final class SystolicArrayFactory {
    /** Component types this factory builds. */
    public static final List<String> TYPES = List.of("systolic");
    private static final Set<String> FIELDS = Set.of("name", "type", "rows", "cols", "dataflow", "sram_words",
            "dram_words_per_cycle", "clock_ghz", "word_bytes", "energy_pj", "area_um2", "provenance");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SystolicArrayFactory() {}

    public static SystolicArray create(SystolicArraySpec spec) { return new SystolicArray(spec); }

    /** A preset ({@link SystolicPresets}) or a YAML file. */
    public static SystolicArraySpec resolve(String presetOrPath) {
        SystolicArraySpec p = SystolicPresets.all().get(presetOrPath);
        if (p != null) return p;
        Path file = Path.of(presetOrPath);
        if (Files.isRegularFile(file)) return fromYaml(file);
        throw new DeviceException("unknown architecture '" + presetOrPath + "' (neither a preset nor a file)",
                "presets: " + String.join(", ", SystolicPresets.all().keySet()) + ", or an arch YAML (docs/systolic.md)");
    }

    public static SystolicArraySpec fromYaml(Path file) {
        JsonNode n;
        try {
            n = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DeviceException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(),
                    "check the indentation");
        } catch (IOException e) {
            throw new DeviceException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        String src = file.toString();
        if (n == null || !n.isObject()) throw new DeviceException(src + ": an architecture file is a YAML map", "start with type: systolic");
        YamlFields.checkKnown(src, n, FIELDS, DeviceException::new);
        String type = n.path("type").asText("systolic");
        if (!TYPES.contains(type)) {
            throw new DeviceException(src + ": type = '" + type + "': no such compute component", "known: compute/"
                    + String.join(", compute/", TYPES));
        }
        int rows = (int) positive(src, n, "rows");
        int cols = (int) positive(src, n, "cols");
        String dfText = n.path("dataflow").asText("");
        Dataflow df = Dataflow.parse(dfText);
        if (df == null) throw new DeviceException(src + ": dataflow = '" + dfText + "': must be os, ws or is", "write dataflow: ws");
        JsonNode sram = n.get("sram_words");
        if (sram == null || !sram.isObject()) {
            throw new DeviceException(src + ": sram_words is missing", "write sram_words: {ifmap: 65536, filter: 65536, ofmap: 65536}");
        }
        long ifS = positive(src + ": sram_words", sram, "ifmap");
        long filS = positive(src + ": sram_words", sram, "filter");
        long ofS = positive(src + ": sram_words", sram, "ofmap");
        JsonNode bwNode = n.get("dram_words_per_cycle");
        long bw = 0;
        if (bwNode != null && !(bwNode.isTextual() && bwNode.asText().equals("unlimited"))) bw = positive(src, n, "dram_words_per_cycle");
        double clock = n.has("clock_ghz") ? n.get("clock_ghz").asDouble(-1) : 1.0;
        if (!(clock > 0)) throw new DeviceException(src + ": clock_ghz = " + n.get("clock_ghz") + ": must be > 0", "write clock_ghz: 1.0");
        int wordBytes = n.has("word_bytes") ? (int) positive(src, n, "word_bytes") : 1;
        Map<String, Double> energy = new LinkedHashMap<>();
        JsonNode e = n.get("energy_pj");
        if (e != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> x = it.next();
                if (!x.getValue().isNumber() || x.getValue().asDouble() < 0) {
                    throw new DeviceException(src + ": energy_pj." + x.getKey() + " = " + x.getValue() + ": must be a number ≥ 0",
                            "give pJ per action, e.g. mac: 0.23");
                }
                energy.put(x.getKey(), x.getValue().asDouble());
            }
        }
        Map<String, Double> area = new LinkedHashMap<>();
        JsonNode ar = n.get("area_um2");
        if (ar != null) {
            for (String key : new String[]{"pe", "sram_byte"}) {
                JsonNode x = ar.get(key);
                if (x == null || !x.isNumber() || x.asDouble() < 0) {
                    throw new DeviceException(src + ": area_um2." + key + " = " + x + ": must be a number ≥ 0",
                            "write area_um2: {pe: 1200, sram_byte: 3.8}");
                }
                area.put(key, x.asDouble());
            }
        }
        JsonNode p = n.get("provenance");
        if (p == null || p.path("source").asText("").isBlank()) {
            throw new DeviceException(src + ": provenance is missing", "say where the numbers come from: provenance: "
                    + "{kind: ESTIMATED, source: \"our design\"}");
        }
        Provenance.Kind kind;
        try {
            kind = Provenance.Kind.valueOf(p.path("kind").asText("").toUpperCase());
        } catch (IllegalArgumentException ex) {
            throw new DeviceException(src + ": provenance.kind = '" + p.path("kind").asText("") + "' is unknown",
                    "use PUBLISHED, MEASURED, ESTIMATED or DERIVED");
        }
        String name = n.path("name").asText(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        return new SystolicArraySpec(name, rows, cols, df, ifS, filS, ofS, 0, 0, 0, bw > 0, bw, clock, wordBytes, energy,
                new Provenance(kind, p.path("source").asText(), p.path("note").asText("")), area);
    }

    private static long positive(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) throw new DeviceException(where + ": " + field + " is missing", "add " + field + ": <a whole number ≥ 1>");
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
            throw new DeviceException(where + ": " + field + " = " + v + ": must be a whole number ≥ 1",
                    "a zero-sized array or buffer cannot run");
        }
        return v.asLong();
    }
}
