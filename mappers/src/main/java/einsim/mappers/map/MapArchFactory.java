package einsim.mappers.map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import einsim.arch.compute.systolic.SystolicPresets;
import einsim.arch.device.YamlFields;
import einsim.mappers.fusemax.AttentionEnergy;
import einsim.mappers.fusemax.FuseMaxArch;
import einsim.mappers.fusemax.FuseMaxArea;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mapper architectures by name (the presets below, or any systolic preset of arch-models) or from a YAML file. Every
 * preset number says where it comes from ({@link MapArch#sources()}).
 */
public final class MapArchFactory {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "clock_mhz", "mesh", "systolic", "mac_energy_pj", "pe_area_um2", "levels", "sources");
    private static final Set<String> LEVEL = Set.of("name", "capacity_bytes", "tensor_capacity_bytes", "bandwidth_words_per_cycle", "duplex",
            "read_pj", "write_pj", "words_per_access", "keeps", "area_um2");

    private MapArchFactory() {}

    /** FuseMax brief §7 (the artifact's 45 nm ERT and ART tables). */
    private static final String FM = "FuseMax brief §7: artifact ERT/ART summaries, 45 nm";

    /**
     * A TPU-v1-like chip with two memory levels above the PEs' registers: DRAM (34 GB/s at 700 MHz = 48 B/cycle) and a
     * 24 MiB unified buffer over a 256×256 weight-stationary systolic array of 8-bit MACs.
     */
    public static MapArch tpuLike() {
        Map<String, String> src = new LinkedHashMap<>();
        src.put("mesh, clock, buffer, DRAM bandwidth", "Jouppi et al., ISCA 2017 §2 (256x256 MACs, 700 MHz, 24 MiB, 34 GB/s)");
        src.put("mac_energy_pj, buffer and DRAM pJ", "Horowitz, ISSCC 2014, 45 nm: 8-bit mult 0.2 + add 0.03 pJ; ~1 MB SRAM "
                + "100 pJ per 64 bit = 12.5 pJ/B; DRAM ~244 pJ/B (ESTIMATED for this chip)");
        src.put("PE register pJ", "Eyeriss (Chen et al., ISCA 2016): a register-file access costs about one MAC (ESTIMATED)");
        src.put("Buffer bandwidth", "TPU v1 feeds the array 256 activations per cycle and takes 256 results per cycle; "
                + "einsim folds the accumulators into the buffer, so 512 words/cycle each way (ESTIMATED)");
        src.put("areas", "TPU v1 floorplan: about 1,200 um2 per PE and 3.8 um2 per buffer byte (DERIVED, see arch-models SystolicPresets)");
        return new MapArch("tpu-like", 700e6, List.of(
                new MapArch.Level("PE", 4, Map.of(), Double.POSITIVE_INFINITY, false, 0.23, 0.23, 1, null, 0),
                new MapArch.Level("Buffer", 24L << 20, Map.of(), 512, true, 12.5, 12.5, 1, null, 3.8 * (24L << 20)),
                new MapArch.Level("DRAM", Long.MAX_VALUE, Map.of(), 48, false, 244, 244, 1, null, 0)),
                256, 256, true, 0.23, 1200, src);
    }

    /**
     * FuseMax's 2-D array for GEMMs (the linear layers): 256×256 PEs at 940 MHz, 16 MiB global buffer (2-B values),
     * DRAM 400·2^30 B/s; per-access energies of the artifact (DRAM per 64-bit access of 4 values, the buffer per
     * 256-value row). Pipelined as in Timeloop: no fill/drain term.
     */
    public static MapArch fuseMax2d(long dim, boolean flat) {
        Map<String, String> src = new LinkedHashMap<>();
        src.put("mesh, clock, buffer, DRAM", "FuseMax §V, §VI-A, Fig. 2; artifact proposal/arch-2d.yaml, src/accel/cascade.py, flat.py (FuseMaxArch)");
        src.put("energies", FM + (flat ? " (FLAT columns)" : " (FuseMax columns)") + " (AttentionEnergy.Ert)");
        src.put("areas", FM + "; global buffer: the stored 32 MiB table's area, scaled with capacity (ESTIMATED; FuseMaxArea)");
        FuseMaxArch chip = FuseMaxArch.cloud(dim);
        AttentionEnergy.Ert e = flat ? AttentionEnergy.Ert.flat() : AttentionEnergy.Ert.fuseMax();
        long buffer = flat ? chip.flatBufferBytes() : chip.fuseMaxBufferBytes();
        double wordsPerCycle = chip.dramBytesPerS() / chip.clockHz() / chip.bytesPerValue();
        return new MapArch(flat ? "flat-2d" : "fusemax-2d", chip.clockHz(), List.of(
                new MapArch.Level("RF", flat ? 8 : 32, Map.of(), Double.POSITIVE_INFINITY, false, e.rf2dReadPj(), flat ? 0.225259 : 0.56957, 1, null,
                        flat ? FuseMaxArea.RF_FLAT_2D : FuseMaxArea.RF_FUSEMAX),
                new MapArch.Level("GlobalBuffer", buffer, Map.of(), Double.POSITIVE_INFINITY, false, e.bufReadPjPerRow(), e.bufWritePjPerRow(),
                        e.bufValuesPerRow(), null, buffer * FuseMaxArea.BUFFER_UM2_PER_BYTE),
                new MapArch.Level("DRAM", Long.MAX_VALUE, Map.of(), wordsPerCycle, false, e.dramPjPerAccess(), e.dramPjPerAccess(),
                        e.dramValuesPerAccess(), null, 0)),
                (int) dim, (int) dim, false, e.macPj(), FuseMaxArea.MAC, src);
    }

    public static Map<String, MapArch> presets() {
        Map<String, MapArch> m = new LinkedHashMap<>();
        m.put("tpu-like", tpuLike());
        m.put("fusemax-2d", fuseMax2d(256, false));
        m.put("flat-2d", fuseMax2d(256, true));
        for (var e : SystolicPresets.all().entrySet()) m.put(e.getKey(), SystolicMappings.arch(e.getValue()));
        return m;
    }

    /** A preset name or a YAML file. */
    public static MapArch resolve(String nameOrPath) {
        MapArch p = presets().get(nameOrPath);
        if (p != null) return p;
        Path f = Path.of(nameOrPath);
        if (Files.isRegularFile(f)) return fromYaml(f);
        throw new MapperException("unknown architecture '" + nameOrPath + "' (neither a preset nor a file)",
                "presets: " + String.join(", ", presets().keySet()) + ", or an arch YAML (docs/mapper.md)");
    }

    public static MapArch fromYaml(Path file) {
        JsonNode n;
        try {
            n = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new MapperException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(), "check the indentation");
        } catch (IOException e) {
            throw new MapperException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        String src = file.toString();
        if (n == null || !n.isObject()) throw new MapperException(src + ": an architecture file is a YAML map", "see docs/mapper.md for an example");
        unknown(src, n, TOP);
        double clockMhz = positive(src, n, "clock_mhz");
        JsonNode mesh = n.get("mesh");
        if (mesh == null || !mesh.isObject()) throw new MapperException(src + ": mesh is missing", "write mesh: {x: 256, y: 256}");
        unknown(src + ": mesh", mesh, Set.of("x", "y"));
        long mxl = whole(src + ": mesh", mesh, "x");
        long myl = whole(src + ": mesh", mesh, "y");
        if (mxl > 1 << 20 || myl > 1 << 20) throw new MapperException(src + ": mesh " + mxl + "×" + myl, "each side is at most 1,048,576 PEs");
        int mx = (int) mxl;
        int my = (int) myl;
        JsonNode lv = n.get("levels");
        if (lv == null || !lv.isArray() || lv.size() < 2) {
            throw new MapperException(src + ": levels must list at least DRAM and the PE level, outermost first", "see docs/mapper.md");
        }
        List<MapArch.Level> levels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = lv.size() - 1; i >= 0; i--) {
            JsonNode x = lv.get(i);
            String where = src + ": levels[" + i + "]";
            if (!x.isObject()) throw new MapperException(where + " is not a map", "each level is a map with a name");
            unknown(where, x, LEVEL);
            String name = x.path("name").asText("");
            if (name.isBlank()) throw new MapperException(where + ": name is missing", "name each level, e.g. name: DRAM");
            if (!names.add(name)) throw new MapperException(where + ": level name '" + name + "' is used twice", "give each level its own name");
            where = src + ": level " + name;
            boolean outer = i == 0;
            long cap;
            if (outer) {
                if (x.has("capacity_bytes")) throw new MapperException(where + ": the outermost level has capacity_bytes", "leave it out: DRAM holds every tensor");
                cap = Long.MAX_VALUE;
            } else {
                cap = whole(where, x, "capacity_bytes");
            }
            Map<String, Long> parts = new LinkedHashMap<>();
            JsonNode tc = x.get("tensor_capacity_bytes");
            if (tc != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = tc.fields(); it.hasNext(); ) {
                    var e = it.next();
                    parts.put(e.getKey(), whole(where + ": tensor_capacity_bytes", tc, e.getKey()));
                }
            }
            double bw = Double.POSITIVE_INFINITY;
            JsonNode b = x.get("bandwidth_words_per_cycle");
            if (b != null && !(b.isTextual() && b.asText().equals("unlimited"))) bw = positive(where, x, "bandwidth_words_per_cycle");
            Set<String> keeps = null;
            if (x.has("keeps")) {
                if (!x.get("keeps").isArray()) throw new MapperException(where + ": keeps = " + x.get("keeps") + " is not a list", "write keeps: [A, B]");
                keeps = new HashSet<>();
                for (JsonNode k : x.get("keeps")) keeps.add(k.asText());
            }
            levels.add(new MapArch.Level(name, cap, parts, bw, x.path("duplex").asBoolean(false), nonNegative(where, x, "read_pj"),
                    nonNegative(where, x, "write_pj"), x.has("words_per_access") ? (int) whole(where, x, "words_per_access") : 1, keeps,
                    x.has("area_um2") ? nonNegative(where, x, "area_um2") : 0));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        JsonNode s = n.get("sources");
        if (s == null || !s.isObject() || s.isEmpty()) {
            throw new MapperException(src + ": sources is missing", "say where the numbers come from: sources: {energies: \"Horowitz ISSCC 2014\"}");
        }
        s.fields().forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
        String name = n.path("name").asText(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        return new MapArch(name, clockMhz * 1e6, levels, mx, my, n.path("systolic").asBoolean(false),
                n.has("mac_energy_pj") ? nonNegative(src, n, "mac_energy_pj") : 0,
                n.has("pe_area_um2") ? nonNegative(src, n, "pe_area_um2") : 0, sources);
    }

    private static void unknown(String where, JsonNode n, Set<String> fields) {
        YamlFields.checkKnown(where, n, fields, MapperException::new);
    }

    private static double positive(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) throw new MapperException(where + ": " + field + " is missing", "add " + field + ": <a number > 0>");
        if (!v.isNumber() || !(v.asDouble() > 0)) throw new MapperException(where + ": " + field + " = " + v + ": must be a number > 0", "e.g. " + field + ": 1");
        return v.asDouble();
    }

    private static double nonNegative(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) throw new MapperException(where + ": " + field + " is missing", "add " + field + ": <pJ per access, ≥ 0>");
        if (!v.isNumber() || v.asDouble() < 0) throw new MapperException(where + ": " + field + " = " + v + ": must be a number ≥ 0", "e.g. " + field + ": 1.5");
        return v.asDouble();
    }

    private static long whole(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) throw new MapperException(where + ": " + field + " is missing", "add " + field + ": <a whole number ≥ 1>");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new MapperException(where + ": " + field + " = " + v + ": must be a whole number ≥ 1", "sizes are positive whole numbers");
        }
        return v.asLong();
    }
}
