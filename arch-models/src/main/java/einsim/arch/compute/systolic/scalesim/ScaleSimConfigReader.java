package einsim.arch.compute.systolic.scalesim;

import einsim.arch.compute.systolic.Dataflow;
import einsim.arch.compute.systolic.SystolicArraySpec;
import einsim.arch.device.Provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a SCALE-Sim v2 {@code .cfg} as Python's configparser does (option names case-insensitive, {@code :} or
 * {@code =}, values stripped, {@code #}/{@code ;} comment lines), with SCALE-Sim's mandatory keys. Where SCALE-Sim
 * silently misreads (an unknown dataflow run as OS, a lower-case {@code calc}), this reader exits with file:line.
 * Foreign units are converted here: {@code …SramSzkB} × 1024 = words (one word is one byte in SCALE-Sim v2).
 */
public final class ScaleSimConfigReader {
    /** A parsed config: the array spec and the run name. */
    public record Config(String runName, SystolicArraySpec spec) {}

    private record Value(String text, int line) {}

    private ScaleSimConfigReader() {}

    public static Config read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScaleSimException(file.toString(), "cannot read the config: " + e.getMessage(), "check the path");
        }
        String src = file.toString();
        Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
        Map<String, Integer> sectionLine = new HashMap<>();
        Map<String, Value> cur = null;
        String curName = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String t = raw.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
            if (t.startsWith("[")) {
                if (!t.endsWith("]")) throw new ScaleSimException(src + ":" + (i + 1), "malformed section header '" + t + "'",
                        "write [architecture_presets]");
                curName = t.substring(1, t.length() - 1).strip();
                cur = sections.computeIfAbsent(curName, x -> new LinkedHashMap<>());
                sectionLine.put(curName, i + 1);
                continue;
            }
            int colon = t.indexOf(':');
            int eq = t.indexOf('=');
            int sep = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (sep <= 0) {
                throw new ScaleSimException(src + ":" + (i + 1), "expected 'Key: value', found '" + t + "'",
                        "write options as Name: value inside a [section]");
            }
            if (cur == null) {
                throw new ScaleSimException(src + ":" + (i + 1), "option before any [section]", "start with [general]");
            }
            cur.put(t.substring(0, sep).strip().toLowerCase(Locale.ROOT), new Value(t.substring(sep + 1).strip(), i + 1));
        }
        if (sections.containsKey("network_presets")) {
            throw new ScaleSimException(src + ":" + sectionLine.get("network_presets"), "a [network_presets] section "
                    + "makes SCALE-Sim v2's parser crash", "pass the topology with -t instead and remove the section");
        }
        String run = need(src, sections, "general", "run_name").text();
        Value bwMode = need(src, sections, "run_presets", "InterfaceBandwidth");
        if (!bwMode.text().equals("CALC") && !bwMode.text().equals("USER")) {
            throw new ScaleSimException(src + ":" + bwMode.line(), "InterfaceBandwidth = '" + bwMode.text()
                    + "': must be exactly CALC or USER (SCALE-Sim silently stops parsing and then crashes)",
                    "write InterfaceBandwidth: " + bwMode.text().toUpperCase(Locale.ROOT));
        }
        boolean user = bwMode.text().equals("USER");
        int rows = (int) positive(src, need(src, sections, "architecture_presets", "ArrayHeight"), "ArrayHeight");
        int cols = (int) positive(src, need(src, sections, "architecture_presets", "ArrayWidth"), "ArrayWidth");
        long ifS = positive(src, need(src, sections, "architecture_presets", "IfmapSramSzkB"), "IfmapSramSzkB") * 1024;
        long filS = positive(src, need(src, sections, "architecture_presets", "FilterSramSzkB"), "FilterSramSzkB") * 1024;
        long ofS = positive(src, need(src, sections, "architecture_presets", "OfmapSramSzkB"), "OfmapSramSzkB") * 1024;
        long ifO = integer(src, need(src, sections, "architecture_presets", "IfmapOffset"), "IfmapOffset");
        long filO = integer(src, need(src, sections, "architecture_presets", "FilterOffset"), "FilterOffset");
        long ofO = integer(src, need(src, sections, "architecture_presets", "OfmapOffset"), "OfmapOffset");
        Value dfv = need(src, sections, "architecture_presets", "Dataflow");
        Dataflow df = dfv.text().equals("os") || dfv.text().equals("ws") || dfv.text().equals("is")
                ? Dataflow.parse(dfv.text()) : null;
        if (df == null) {
            throw new ScaleSimException(src + ":" + dfv.line(), "Dataflow = '" + dfv.text() + "': must be os, ws or is "
                    + "(SCALE-Sim prints a warning and runs it as os)", "write Dataflow: "
                    + (Dataflow.parse(dfv.text()) != null ? dfv.text().toLowerCase(Locale.ROOT) : "ws"));
        }
        long bw = 0;
        if (user) {
            Value b = need(src, sections, "architecture_presets", "Bandwidth");
            String first = b.text().split(",")[0].strip();
            bw = positive(src, new Value(first, b.line()), "Bandwidth");
        }
        SystolicArraySpec spec = new SystolicArraySpec(run, rows, cols, df, ifS, filS, ofS, ifO, filO, ofO, user, bw, 1.0, 1,
                Map.of(), new Provenance(Provenance.Kind.PUBLISHED, src, "a SCALE-Sim v2 config"), Map.of());
        return new Config(run, spec);
    }

    private static Value need(String src, Map<String, Map<String, Value>> s, String section, String key) {
        Map<String, Value> sec = s.get(section);
        if (sec == null) {
            throw new ScaleSimException(src, "section [" + section + "] is missing", "add [" + section + "] with " + key);
        }
        Value v = sec.get(key.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new ScaleSimException(src, "[" + section + "] has no " + key + " (SCALE-Sim requires it)",
                    "add " + key + ": <value>");
        }
        return v;
    }

    private static long integer(String src, Value v, String key) {
        try {
            return Long.parseLong(v.text().strip());
        } catch (NumberFormatException e) {
            throw new ScaleSimException(src + ":" + v.line(), key + " = '" + v.text() + "' is not a whole number",
                    "write " + key + ": 0");
        }
    }

    private static long positive(String src, Value v, String key) {
        long x = integer(src, v, key);
        if (x < 1) throw new ScaleSimException(src + ":" + v.line(), key + " = " + x + ": must be at least 1",
                "a zero-sized array or SRAM cannot run");
        return x;
    }
}
