package einsim.arch.device;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The device catalog: LLM-Viewer's whole hardware table (same keys and values) plus newer GPUs and a few CPUs,
 * from {@code einsim/devices/devices.yaml}; and custom devices from a YAML file with the same fields.
 */
public final class DeviceCatalog {
    private static final Set<String> FIELDS = Set.of("key", "name", "category", "bandwidth_bytes_per_s", "peak_ops_per_s",
            "onchip_buffer_bytes", "memory_capacity_bytes", "interconnect_bytes_per_s", "provenance", "field_provenance");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static volatile Map<String, Device> builtIn;

    private DeviceCatalog() {}

    /** Every built-in device by key, in catalog order. */
    public static Map<String, Device> all() {
        Map<String, Device> b = builtIn;
        if (b == null) {
            synchronized (DeviceCatalog.class) {
                if (builtIn == null) builtIn = load();
                b = builtIn;
            }
        }
        return b;
    }

    /** A built-in device by key, or a device YAML file by path. */
    public static Device resolve(String keyOrPath) {
        Device d = all().get(keyOrPath);
        if (d != null) return d;
        Path p = Path.of(keyOrPath);
        if (Files.isRegularFile(p)) return fromYaml(p);
        String closest = closest(keyOrPath);
        throw new DeviceException("unknown hardware '" + keyOrPath + "' (neither a catalog key nor a device file)",
                (closest != null ? "you meant " + closest + "? " : "") + "Known keys: " + String.join(", ", all().keySet()));
    }

    static String closest(String key) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        List<String> keys = new ArrayList<>(all().keySet());
        keys.sort(Comparator.comparingInt((String k) -> d.apply(k.toLowerCase(), key.toLowerCase())));
        String best = keys.get(0);
        return d.apply(best.toLowerCase(), key.toLowerCase()) <= Math.max(3, key.length() / 3) ? best : null;
    }

    /** Reads a custom device: the catalog's fields, with {@code key} optional (default: the file name). */
    public static Device fromYaml(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DeviceException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(),
                    "check the indentation");
        } catch (IOException e) {
            throw new DeviceException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        if (root == null || !root.isObject()) {
            throw new DeviceException(file + ": a device file is a YAML map", "start with bandwidth_bytes_per_s: 2.0e12");
        }
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String key = root.path("key").asText(base);
        return parse(file.toString(), key, root);
    }

    private static Map<String, Device> load() {
        try (InputStream in = DeviceCatalog.class.getResourceAsStream("/einsim/devices/devices.yaml")) {
            JsonNode root = YAML.readTree(in);
            Map<String, Device> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("devices").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), parse("devices.yaml", e.getKey(), e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Device parse(String source, String key, JsonNode n) {
        String where = source + ": device " + key;
        YamlFields.checkKnown(where, n, FIELDS, DeviceException::new);
        double bw = positive(where, n, "bandwidth_bytes_per_s", true);
        Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
        JsonNode p = n.get("peak_ops_per_s");
        if (p == null || !p.isObject() || p.isEmpty()) {
            throw new DeviceException(where + ": peak_ops_per_s is missing", "give at least {FP16: 312e12} (dense OP/s)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Precision tier;
            try {
                tier = Precision.valueOf(e.getKey().toUpperCase());
            } catch (IllegalArgumentException ex) {
                throw new DeviceException(where + ": peak_ops_per_s." + e.getKey() + ": unknown precision tier",
                        "use FP16, FP8, INT8, FP4 or INT4");
            }
            double v = number(where, "peak_ops_per_s." + e.getKey(), e.getValue());
            if (!(v > 0)) {
                throw new DeviceException(where + ": peak_ops_per_s." + e.getKey() + " = " + v + ": must be > 0",
                        "give the dense peak in OP/s, e.g. 312e12");
            }
            peaks.put(tier, v);
        }
        if (!peaks.containsKey(Precision.FP16)) {
            throw new DeviceException(where + ": peak_ops_per_s has no FP16 tier", "every device needs its 16-bit peak "
                    + "(FP16 or BF16), the fallback for every precision");
        }
        double onchip = n.has("onchip_buffer_bytes") ? positive(where, n, "onchip_buffer_bytes", true) : 0;
        double cap = n.has("memory_capacity_bytes") ? positive(where, n, "memory_capacity_bytes", true) : Double.NaN;
        double link = n.has("interconnect_bytes_per_s") ? positive(where, n, "interconnect_bytes_per_s", true) : Double.NaN;
        Provenance prov = provenance(where, n.get("provenance"));
        if (prov == null) {
            throw new DeviceException(where + ": provenance is missing", "say where the numbers come from: provenance: "
                    + "{kind: PUBLISHED, source: \"vendor datasheet\"}");
        }
        Map<String, Provenance> fields = new LinkedHashMap<>();
        JsonNode fp = n.get("field_provenance");
        if (fp != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fp.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), provenance(where + ": field_provenance." + e.getKey(), e.getValue()));
            }
        }
        return new Device(key, n.path("name").asText(key), n.path("category").asText("custom"), bw, peaks, onchip, cap,
                link, prov, fields);
    }

    private static Provenance provenance(String where, JsonNode n) {
        if (n == null) return null;
        String kind = n.path("kind").asText("");
        Provenance.Kind k;
        try {
            k = Provenance.Kind.valueOf(kind.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(where + ": provenance kind '" + kind + "' is unknown",
                    "use PUBLISHED, MEASURED, ESTIMATED or DERIVED");
        }
        String source = n.path("source").asText("");
        if (source.isBlank()) throw new DeviceException(where + ": provenance has no source", "name the datasheet or paper");
        return new Provenance(k, source, n.path("note").asText(""));
    }

    private static double positive(String where, JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null) {
            if (required) throw new DeviceException(where + ": " + field + " is missing", "add " + field + ": <number>");
            return Double.NaN;
        }
        double x = number(where, field, v);
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new DeviceException(where + ": " + field + " = " + v.asText() + ": must be a positive number",
                    "give " + field + " in its unit (bytes, bytes/s or OP/s), e.g. 2.0e12");
        }
        return x;
    }

    private static double number(String where, String field, JsonNode v) {
        if (v.isNumber()) return v.asDouble();
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new DeviceException(where + ": " + field + " = " + v + ": not a number", "write numbers such as 2.0e12");
    }
}
