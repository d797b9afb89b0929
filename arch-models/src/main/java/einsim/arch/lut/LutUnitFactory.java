package einsim.arch.lut;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import einsim.arch.device.DeviceException;
import einsim.arch.device.YamlFields;
import einsim.arch.sail.SailSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the LUT-based units by name: the presets {@code lut-tensor-core}, {@code mac-tensor-core} and {@code sail}, or
 * a YAML file whose {@code type} is one of them and whose other fields override the preset's parameters (each checked
 * by name and range). Returns a {@link LutGpuSpec} or a {@link SailSpec}.
 */
public final class LutUnitFactory {
    private LutUnitFactory() {}

    public static final List<String> TYPES = List.of("lut-tensor-core", "mac-tensor-core", "sail");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Set<String> GPU_FIELDS = Set.of("type", "name", "sms", "units_per_sm", "clock_ghz", "array_multiple",
            "dram_bytes_per_s", "l2_bytes_per_cycle", "cuda_ops_per_cycle_per_sm", "cta_m", "cta_n", "cta_k", "precompute",
            "tables_int8", "dram_pj_per_bit", "cuda_op_pj", "efficiency");

    /** True for the three presets and for a YAML file whose {@code type} is one of them. */
    public static boolean handles(String presetOrPath) {
        if (TYPES.contains(presetOrPath)) return true;
        Path f = Path.of(presetOrPath);
        if (!Files.isRegularFile(f)) return false;
        JsonNode n = read(f);
        return n != null && n.isObject() && TYPES.contains(n.path("type").asText(""));
    }

    public static Object resolve(String presetOrPath) {
        if (presetOrPath.equals("sail")) return SailSpec.preset();
        if (TYPES.contains(presetOrPath)) return LutGpuSpec.preset(presetOrPath);
        return fromYaml(Path.of(presetOrPath));
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DeviceException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(), "check the indentation");
        } catch (IOException e) {
            throw new DeviceException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
    }

    public static Object fromYaml(Path file) {
        JsonNode n = read(file);
        String src = file.toString();
        if (n == null || !n.isObject()) throw new DeviceException(src + ": an architecture file is a YAML map", "start with type: sail");
        String type = n.path("type").asText("");
        if (!TYPES.contains(type)) throw new DeviceException(src + ": type = '" + type + "' is not a LUT unit", "known: " + String.join(", ", TYPES));
        String name = n.path("name").asText(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        if (type.equals("sail")) {
            Set<String> fields = new HashSet<>(SailSpec.PARAMS.keySet());
            fields.add("type");
            fields.add("name");
            YamlFields.checkKnown(src, n, fields, DeviceException::new);
            Map<String, Double> v = new LinkedHashMap<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("type") || f.equals("name")) continue;
                v.put(f, number(src, n, f));
            }
            try {
                return new SailSpec(name, v);
            } catch (IllegalArgumentException e) {
                throw new DeviceException(src + ": " + e.getMessage(), "see docs/lut.md, SAIL parameters");
            }
        }
        YamlFields.checkKnown(src, n, GPU_FIELDS, DeviceException::new);
        if (type.equals("mac-tensor-core") && (n.has("precompute") || n.has("tables_int8"))) {
            throw new DeviceException(src + ": precompute and tables_int8 apply to type lut-tensor-core", "drop them for a MAC tensor core");
        }
        LutGpuSpec p = LutGpuSpec.preset(type);
        Map<String, String> prov = new HashMap<>(p.provenance());
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("type") && !f.equals("name")) prov.put(f, "set in " + src);
        }
        try {
            return new LutGpuSpec(name, p.kind(), (int) whole(src, n, "sms", p.sms()), (int) whole(src, n, "units_per_sm", p.unitsPerSm()),
                    num(src, n, "clock_ghz", p.clockGhz()), (int) whole(src, n, "array_multiple", p.arrayMultiple()),
                    num(src, n, "dram_bytes_per_s", p.dramBytesPerS()), num(src, n, "l2_bytes_per_cycle", p.l2BytesPerCycle()),
                    num(src, n, "cuda_ops_per_cycle_per_sm", p.cudaOpsPerCyclePerSm()), (int) whole(src, n, "cta_m", p.ctaM()),
                    (int) whole(src, n, "cta_n", p.ctaN()), (int) whole(src, n, "cta_k", p.ctaK()),
                    n.has("precompute") ? LutGpuSpec.Precompute.parse(n.get("precompute").isTextual() ? n.get("precompute").asText()
                            : n.get("precompute").toString()) : p.precompute(),
                    n.has("tables_int8") ? bool(src, n, "tables_int8") : p.tablesInt8(), num(src, n, "dram_pj_per_bit", p.dramPjPerBit()),
                    num(src, n, "cuda_op_pj", p.cudaOpPj()), num(src, n, "efficiency", p.efficiency()), p.tech(), prov);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(src + ": " + e.getMessage(), "see docs/lut.md, GPU parameters");
        }
    }

    private static double number(String src, JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (!v.isNumber()) throw new DeviceException(src + ": " + f + " = '" + v.asText() + "' must be a number", "write " + f + ": 1");
        return v.asDouble();
    }

    private static double num(String src, JsonNode n, String f, double dflt) { return n.has(f) ? number(src, n, f) : dflt; }

    private static long whole(String src, JsonNode n, String f, long dflt) {
        if (!n.has(f)) return dflt;
        JsonNode v = n.get(f);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) throw new DeviceException(src + ": " + f + " = '" + v.asText() + "' must be a whole number", "write " + f + ": " + dflt);
        if (v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) throw new DeviceException(src + ": " + f + " = " + v.asText() + " must be from 1 to " + Integer.MAX_VALUE, "write " + f + ": " + dflt);
        return v.asLong();
    }

    private static boolean bool(String src, JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (!v.isBoolean()) throw new DeviceException(src + ": " + f + " = '" + v.asText() + "' must be true or false", "write " + f + ": true");
        return v.asBoolean();
    }
}
