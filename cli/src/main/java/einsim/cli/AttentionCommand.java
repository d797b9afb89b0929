package einsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.mappers.fusemax.AttentionClosedForm;
import einsim.mappers.fusemax.AttentionDesign;
import einsim.mappers.fusemax.AttentionResult;
import einsim.mappers.fusemax.AttentionShape;
import einsim.mappers.fusemax.FuseMaxArch;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim attention}: FuseMax and its baselines on one encoder layer's attention (closed form, FuseMax brief §10). */
@Command(name = "attention", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latency, array utilisations and DRAM traffic of one encoder layer's attention on FuseMax "
                + "(2-D + 1-D arrays, the 1-pass cascade with FuseMax's binding) or a baseline: unfused, FLAT, "
                + "+Cascade, +Architecture. Closed form of the FuseMax artifact (FuseMax brief §10).",
                "Energy is not modelled yet (energy_pj is null)."},
        footer = {"", "Examples:", "  einsim attention --design fusemax --model bert --seqlen 1048576",
                "  einsim attention --design flat --model xlm --seqlen 262144 --compat fusemax-artifact --format json"})
final class AttentionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--design", required = true, paramLabel = "ID", description = "fusemax, flat, unfused, plus-cascade or plus-architecture")
    String design;
    @Option(names = "--model", required = true, paramLabel = "ID|CONFIG", description = "bert, trxl, t5, xlm, a bundled model id or a config.json")
    String model;
    @Option(names = "--seqlen", required = true, paramLabel = "N", description = "tokens L (= queries = keys), a multiple of the array size")
    long seqLen;
    @Option(names = "--batch", paramLabel = "B", description = "batch (default: ${DEFAULT-VALUE})")
    long batch = 64;
    @Option(names = "--array", paramLabel = "D", description = "D: a D×D 2-D array and a D-wide 1-D array (default: ${DEFAULT-VALUE})")
    long array = 256;
    @Option(names = "--end-to-end", description = "add the layer's linear layers (Q/K/V, deprojection, FFN) to latency and traffic")
    boolean endToEnd;
    @Option(names = "--compat", paramLabel = "fusemax-artifact", description = "reproduce the FuseMax artifact exactly, quirks included")
    String compat;
    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Override
    public Integer call() throws JsonProcessingException {
        AttentionDesign d;
        try {
            d = AttentionDesign.parse(design);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--design " + design + ": " + e.getMessage(), "write --design fusemax");
        }
        if (compat != null && !compat.equalsIgnoreCase("fusemax-artifact")) {
            throw new Main.UsageError("--compat " + compat + ": the only compatibility mode is fusemax-artifact", "write --compat fusemax-artifact");
        }
        if (!format.equals("text") && !format.equals("json")) throw new Main.UsageError("--format " + format + ": must be text or json", "write --format json");
        if (array < 1) throw new Main.UsageError("--array " + array + ": must be at least 1", "write --array 256");
        if (batch < 1) throw new Main.UsageError("--batch " + batch + ": must be at least 1", "write --batch 64");
        if (seqLen < array || seqLen % array != 0) {
            throw new Main.UsageError("--seqlen " + seqLen + ": must be a positive multiple of the array size " + array, "write --seqlen " + Math.max(1, seqLen / array + 1) * array);
        }
        AttentionShape s = shape(model);
        FuseMaxArch arch = FuseMaxArch.cloud(array);
        AttentionResult r;
        try {
            r = AttentionClosedForm.evaluate(d, s, seqLen, batch, arch, compat != null);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage(), "use a larger array or a smaller model");
        }
        double latency = r.latencyS();
        double traffic = r.dramBytes();
        double linLat = 0;
        double linBytes = 0;
        if (endToEnd) {
            linLat = AttentionClosedForm.linearLatencyS(s, seqLen, batch, arch);
            linBytes = AttentionClosedForm.linearDramBytes(s, seqLen, batch, arch);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("design", d.id());
            o.put("model", s.name());
            o.put("seqlen", seqLen);
            o.put("batch", batch);
            o.put("array", array);
            o.put("compat", compat != null ? "fusemax-artifact" : null);
            o.put("cycles", (latency + linLat) * arch.clockHz());
            o.put("latency_s", latency + linLat);
            o.put("util_2d", r.util2d());
            o.put("util_1d", r.util1d());
            if (Double.isNaN(traffic)) o.putNull("dram_bytes");
            else o.put("dram_bytes", traffic + linBytes);
            o.putNull("energy_pj");
            o.put("attention_latency_s", latency);
            o.put("attention_compute_cycles", r.computeCycles());
            if (endToEnd) {
                o.put("linear_latency_s", linLat);
                o.put("linear_dram_bytes", linBytes);
            }
            if (r.p1() > 0) o.put("p1", r.p1());
            ObjectNode sh = o.putObject("shares_2d");
            for (Map.Entry<String, Double> e : r.shares2d().entrySet()) sh.put(e.getKey(), e.getValue());
            if (Double.isNaN(traffic)) o.put("note", "FLAT's traffic at L ≤ 64K has no closed form in the artifact (Timeloop counts)");
            out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s on %s, L = %d, batch %d, %dx%d + %d PEs%s%n", d.id(), s.name(), seqLen, batch, array, array, array,
                    compat != null ? " (fusemax-artifact)" : "");
            out.printf(Locale.ROOT, "  attention: %.6g s (%.0f cycles), 2-D util %.4f, 1-D util %.4f, DRAM %s%n", latency, latency * arch.clockHz(),
                    r.util2d(), r.util1d(), Double.isNaN(traffic) ? "n/a (no closed form)" : String.format(Locale.ROOT, "%.0f B", traffic));
            if (endToEnd) out.printf(Locale.ROOT, "  linear layers: %.6g s, DRAM %.0f B; end to end %.6g s%n", linLat, linBytes, latency + linLat);
        }
        return 0;
    }

    static AttentionShape shape(String model) {
        AttentionShape p = AttentionShape.preset(model);
        if (p != null) return p;
        ModelConfig c = ModelZoo.resolve(model);
        return new AttentionShape(c.id(), c.hiddenSize(), c.numHeads(), c.headDim(), c.headDim(), c.intermediateSize());
    }
}
