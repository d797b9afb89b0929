package einsim.reports.roofline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.workloads.llm.Fix;
import einsim.workloads.llm.LlmOp;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a roofline result as a table for people, or as JSON, CSV or Markdown at full precision. Per-layer values
 * are for one block; {@code repeat} says how many times a layer counts in the total.
 */
public final class RooflineWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] COLUMNS = {"name", "repeat", "ops", "memory_access_bytes", "arithmetic_intensity",
            "bound", "time_s", "load_weight_bytes", "load_act_bytes", "store_act_bytes", "load_kv_bytes",
            "store_kv_bytes", "peak_ops_per_s"};

    private RooflineWriter() {}

    public static ObjectNode json(RooflineResult r) { return json(r, true); }

    /** @param withEinsum include each layer's Einsum text (long; sweeps leave it out) */
    public static ObjectNode json(RooflineResult r, boolean withEinsum) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", r.model().id());
        o.put("family", r.model().family().modelType());
        o.put("hardware", r.device().key());
        o.put("stage", r.stage().name().toLowerCase(Locale.ROOT));
        o.put("batch", r.options().batch());
        if (r.stage() == Stage.GENERATE) {
            o.put("prompt_len", r.promptLen());
            o.put("gen_len", r.genLen());
        } else {
            o.put("seqlen", r.seqlen());
        }
        o.put("w_bit", r.options().wBits());
        o.put("a_bit", r.options().aBits());
        o.put("kv_bit", r.options().kvBits());
        o.put("flash_attention", r.options().flashAttention());
        o.put("causal", r.options().has(Fix.Q6_CAUSAL) && r.options().causal());
        o.put("tp", r.options().tp());
        o.put("kv_cache", r.options().xquant() ? "xquant" : "kv");
        if (r.options().xquant()) o.put("x_bit", r.options().xBits());
        o.put("mode", r.options().isCompat() ? "llm-viewer" : "einsim");
        ArrayNode fixes = o.putArray("fixes");
        for (Fix f : r.options().fixes()) fixes.add(f.name());
        ObjectNode dev = o.putObject("device");
        dev.put("key", r.device().key());
        dev.put("name", r.device().name());
        dev.put("bandwidth_bytes_per_s", r.device().bandwidthBytesPerS());
        if (!r.layers().isEmpty()) {
            double peak = r.layers().get(0).peakOpsPerS();
            dev.put("peak_ops_per_s", peak);
            dev.put("ridge_ops_per_byte", peak / r.device().bandwidthBytesPerS());
        }
        dev.put("provenance", r.device().provenance().toString());
        ObjectNode t = o.putObject("total");
        t.put("ops", r.total().ops());
        t.put("memory_access_bytes", r.total().memoryAccessBytes());
        t.put("time_s", r.total().timeS());
        putFinite(t, "prefill_time_s", r.total().prefillTimeS());
        putFinite(t, "overlap_time_s", r.total().overlapTimeS());
        t.put("memory_consumption_bytes", r.memory().totalBytes());
        putFinite(t, "load_weight_bytes", r.total().loadWeightBytes());
        putFinite(t, "load_act_bytes", r.total().loadActBytes());
        putFinite(t, "store_act_bytes", r.total().storeActBytes());
        putFinite(t, "load_kv_bytes", r.total().loadKvBytes());
        putFinite(t, "store_kv_bytes", r.total().storeKvBytes());
        t.put("fits_in_memory", r.memory().fitsInMemory());
        ObjectNode m = o.putObject("memory");
        m.put("weight_bytes", r.memory().weightBytes());
        m.put("kv_cache_bytes", r.memory().kvCacheBytes());
        m.put("tmp_act_bytes", r.memory().tmpActBytes());
        m.put("total_bytes", r.memory().totalBytes());
        putFinite(m, "capacity_bytes", r.memory().capacityBytes());
        m.put("fits_in_memory", r.memory().fitsInMemory());
        ArrayNode layers = o.putArray("layers");
        for (OpResult x : r.layers()) {
            ObjectNode l = layers.addObject();
            LlmOp op = x.op();
            l.put("name", op.name());
            l.put("kind", op.kind().name().toLowerCase(Locale.ROOT));
            l.put("repeat", op.repeat());
            l.put("ops", op.ops());
            l.put("memory_access_bytes", x.memoryAccessBytes());
            putFinite(l, "arithmetic_intensity", x.arithmeticIntensity());
            l.put("performance_ops_per_s", x.performanceOpsPerS());
            l.put("bound", x.bound());
            l.put("time_s", x.timeS());
            l.put("load_weight_bytes", op.loadWeightBytes());
            l.put("load_act_bytes", op.loadActBytes());
            l.put("store_act_bytes", op.storeActBytes());
            l.put("load_kv_bytes", op.loadKvBytes());
            l.put("store_kv_bytes", op.storeKvBytes());
            l.put("peak_ops_per_s", x.peakOpsPerS());
            if (withEinsum) l.put("einsum", op.einsum());
        }
        ArrayNode w = o.putArray("warnings");
        r.warnings().forEach(w::add);
        return o;
    }

    private static void putFinite(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) o.put(k, v);
        else if (!Double.isNaN(v)) o.putNull(k);
    }

    public static String jsonText(RooflineResult r) { return jsonText(r, true); }

    public static String jsonText(RooflineResult r, boolean withEinsum) {
        try {
            return JSON.writeValueAsString(json(r, withEinsum));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> row(OpResult x) {
        LlmOp op = x.op();
        List<String> c = new ArrayList<>();
        c.add(op.name());
        c.add(Long.toString(op.repeat()));
        c.add(Long.toString(op.ops()));
        c.add(repr(x.memoryAccessBytes()));
        c.add(Double.isFinite(x.arithmeticIntensity()) ? repr(x.arithmeticIntensity()) : "");
        c.add(x.bound());
        c.add(repr(x.timeS()));
        c.add(repr(op.loadWeightBytes()));
        c.add(repr(op.loadActBytes()));
        c.add(repr(op.storeActBytes()));
        c.add(repr(op.loadKvBytes()));
        c.add(repr(op.storeKvBytes()));
        c.add(repr(x.peakOpsPerS()));
        return c;
    }

    private static String repr(double v) { return Double.toString(v); }

    /** One row per layer, then a {@code total} row; full precision (LLM-Viewer's CSV rounds, quirk Q17). */
    public static void csv(RooflineResult r, PrintWriter out) {
        out.println(String.join(",", COLUMNS));
        for (OpResult x : r.layers()) out.println(String.join(",", row(x)));
        out.println(String.join(",", "total", "", Long.toString(r.total().ops()), repr(r.total().memoryAccessBytes()), "", "",
                repr(r.total().timeS()), "", "", "", "", "", ""));
    }

    public static void markdown(RooflineResult r, PrintWriter out) {
        out.println("**" + r.model().id() + "** on **" + r.device().key() + "**, " + describe(r));
        out.println();
        out.println("| " + String.join(" | ", COLUMNS) + " |");
        out.println("|" + " --- |".repeat(COLUMNS.length));
        for (OpResult x : r.layers()) out.println("| " + String.join(" | ", row(x)) + " |");
        out.println();
        out.printf(Locale.ROOT, "Total: %d OPs, %s bytes, %s s; memory %s bytes (fits: %s).%n", r.total().ops(),
                repr(r.total().memoryAccessBytes()), repr(r.total().timeS()), repr(r.memory().totalBytes()),
                r.memory().fitsInMemory());
        for (String w : r.warnings()) out.println("- warning: " + w);
    }

    static String describe(RooflineResult r) {
        String stage = r.stage() == Stage.GENERATE
                ? "generate (prompt " + r.promptLen() + " + " + r.genLen() + " tokens)"
                : r.stage().name().toLowerCase(Locale.ROOT) + " at seqlen " + r.seqlen();
        return stage + ", batch " + r.options().batch() + ", W" + r.options().wBits() + "A" + r.options().aBits() + "KV"
                + r.options().kvBits() + (r.options().flashAttention() ? ", FlashAttention" : "")
                + (r.options().tp() > 1 ? ", TP " + r.options().tp() : "") + (r.options().xquant() ? ", XQuant X"
                + r.options().xBits() : "") + ", " + (r.options().isCompat() ? "LLM-Viewer compatibility mode"
                : "einsim corrected mode");
    }

    /** A table for people, with engineering units. */
    public static void text(RooflineResult r, PrintWriter out) {
        out.println(r.model().id() + " on " + r.device().name() + " (" + r.device().key() + ")");
        out.println(describe(r));
        if (!r.layers().isEmpty()) {
            double peak = r.layers().get(0).peakOpsPerS();
            out.printf(Locale.ROOT, "roof: %s OP/s, %s B/s, ridge %.1f OP/B%n", eng(peak), eng(r.device().bandwidthBytesPerS()),
                    peak / r.device().bandwidthBytesPerS());
        }
        out.println();
        String fmt = "%-16s %6s %10s %10s %9s %-13s %11s%n";
        out.printf(Locale.ROOT, fmt, "layer" + (r.stage() == Stage.GENERATE ? " (prefill)" : ""), "repeat", "OPs", "bytes",
                "OP/B", "bound", "time");
        for (OpResult x : r.layers()) {
            out.printf(Locale.ROOT, fmt, x.op().name(), "x" + x.op().repeat(), eng(x.op().ops()), eng(x.memoryAccessBytes()),
                    Double.isFinite(x.arithmeticIntensity()) ? String.format(Locale.ROOT, "%.2f", x.arithmeticIntensity()) : "-",
                    x.bound(), seconds(x.timeS()));
        }
        out.println();
        if (r.stage() == Stage.GENERATE) {
            out.printf(Locale.ROOT, "total: %s (prefill %s, %d tokens generated: %s per token on average)%n",
                    seconds(r.total().timeS()), seconds(r.total().prefillTimeS()), r.genLen(),
                    seconds((r.total().timeS() - r.total().prefillTimeS()) / r.genLen()));
        } else {
            out.printf(Locale.ROOT, "total: %s OPs, %s bytes, %s%s%n", eng(r.total().ops()), eng(r.total().memoryAccessBytes()),
                    seconds(r.total().timeS()), Double.isNaN(r.total().overlapTimeS()) ? ""
                            : " (whole-step view, compute and memory overlapped: " + seconds(r.total().overlapTimeS()) + ")");
        }
        out.printf(Locale.ROOT, "memory: %sB = weights %sB + KV cache %sB + activations %sB%s%n", eng(r.memory().totalBytes()),
                eng(r.memory().weightBytes()), eng(r.memory().kvCacheBytes()), eng(r.memory().tmpActBytes()),
                Double.isNaN(r.memory().capacityBytes()) ? "" : (r.memory().fitsInMemory() ? ", fits in " : ", does NOT fit in ")
                        + eng(r.memory().capacityBytes()) + "B");
        for (String w : r.warnings()) out.println("warning: " + w);
    }

    static String eng(double v) {
        String[] units = {"", "K", "M", "G", "T", "P", "E"};
        int u = 0;
        double x = v;
        while (Math.abs(x) >= 1000 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f%s" : "%.3g%s", x, units[u]);
    }

    static String seconds(double s) {
        if (s == 0) return "0 s";
        if (s < 1e-6) return String.format(Locale.ROOT, "%.3g ns", s * 1e9);
        if (s < 1e-3) return String.format(Locale.ROOT, "%.3g us", s * 1e6);
        if (s < 1) return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
        return String.format(Locale.ROOT, "%.4g s", s);
    }
}
