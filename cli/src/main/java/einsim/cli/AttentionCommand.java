package einsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.mappers.fusemax.AttentionClosedForm;
import einsim.mappers.fusemax.AttentionMeans;
import einsim.mappers.fusemax.AttentionModel;
import einsim.mappers.fusemax.FuseMaxArea;
import einsim.mappers.fusemax.LinearLayers;
import einsim.reports.chart.ParetoChart;
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
        subcommands = {AttentionCommand.Sweep.class, AttentionCommand.Means.class},
        description = {"Latency, array utilisations, DRAM traffic and energy of one encoder layer's attention on FuseMax "
                + "(2-D + 1-D arrays, the 1-pass cascade with FuseMax's binding) or a baseline: unfused, FLAT, "
                + "+Cascade, +Architecture. With --compat fusemax-artifact the artifact's closed form exactly (FuseMax "
                + "brief §10); without, the corrected model (§13): FuseMax and +Architecture timed by the cycle-level "
                + "binding on sim-core. See docs/attention.md."},
        footer = {"", "Examples:", "  einsim attention --design fusemax --model bert --seqlen 1048576",
                "  einsim attention --design flat --model xlm --seqlen 262144 --compat fusemax-artifact --format json",
                "  einsim attention sweep --out fig12", "  einsim attention means --compat fusemax-artifact"})
final class AttentionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--design", paramLabel = "ID", description = "fusemax, flat, unfused, plus-cascade or plus-architecture")
    String design;
    @Option(names = "--model", paramLabel = "ID|CONFIG", description = "bert, trxl, t5, xlm, a bundled model id or a config.json")
    String model;
    @Option(names = "--seqlen", paramLabel = "N", description = "tokens L (= queries = keys), a multiple of the array size")
    Long seqLen;
    @Option(names = "--batch", paramLabel = "B", description = "batch (default: ${DEFAULT-VALUE})")
    long batch = 64;
    @Option(names = "--array", paramLabel = "D", description = "D: a D×D 2-D array and a D-wide 1-D array (default: ${DEFAULT-VALUE})")
    long array = 256;
    @Option(names = "--end-to-end", description = "add the layer's linear layers (Q/K/V, deprojection, FFN), mapped by einsim's mapper")
    boolean endToEnd;
    @Option(names = "--compat", paramLabel = "fusemax-artifact", description = "reproduce the FuseMax artifact exactly, quirks included")
    String compat;
    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    static boolean compat(String c) {
        if (c == null) return false;
        if (!c.equalsIgnoreCase("fusemax-artifact")) {
            throw new Main.UsageError("--compat " + c + ": the only compatibility mode is fusemax-artifact", "write --compat fusemax-artifact");
        }
        return true;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        if (design == null || model == null || seqLen == null) {
            throw new Main.UsageError("einsim attention needs --design, --model and --seqlen (or a subcommand: sweep, means)",
                    "write einsim attention --design fusemax --model bert --seqlen 1024");
        }
        AttentionDesign d;
        try {
            d = AttentionDesign.parse(design);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--design " + design + ": " + e.getMessage(), "write --design fusemax");
        }
        boolean compatMode = compat(compat);
        Main.checkFormat(format);
        if (array < 1) throw new Main.UsageError("--array " + array + ": must be at least 1", "write --array 256");
        if (batch < 1) throw new Main.UsageError("--batch " + batch + ": must be at least 1", "write --batch 64");
        if (seqLen < array || seqLen % array != 0) {
            throw new Main.UsageError("--seqlen " + seqLen + ": must be a positive multiple of the array size " + array, "write --seqlen " + Math.max(1, seqLen / array + 1) * array);
        }
        AttentionShape s = shape(model);
        FuseMaxArch arch = FuseMaxArch.cloud(array);
        AttentionModel.Report rep;
        try {
            rep = AttentionModel.evaluate(d, s, seqLen, batch, arch, compatMode);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage(), "check --seqlen, --array and --batch");
        }
        AttentionResult r = rep.result();
        double latency = r.latencyS();
        double traffic = r.dramBytes();
        double energy = rep.energy().totalPj();
        double linLat = 0;
        double linBytes = 0;
        double linEnergy = 0;
        boolean fmChip = d == AttentionDesign.FUSEMAX || d == AttentionDesign.PLUS_ARCHITECTURE;
        if (endToEnd) {
            LinearLayers.Cost6 lin = LinearLayers.map(s, seqLen, batch, array, !fmChip);
            // the artifact's linear latency and traffic are the closed form of brief §10.7; einsim's mapper otherwise
            linLat = compatMode ? AttentionClosedForm.linearLatencyS(s, seqLen, batch, arch) : lin.latencyS();
            linBytes = compatMode ? AttentionClosedForm.linearDramBytes(s, seqLen, batch, arch) : lin.dramBytes();
            linEnergy = lin.energyPj();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("design", d.id());
            o.put("model", s.name());
            o.put("seqlen", seqLen);
            o.put("batch", batch);
            o.put("array", array);
            o.put("compat", compatMode ? "fusemax-artifact" : null);
            o.put("timing", rep.timing());
            o.put("cycles", (latency + linLat) * arch.clockHz());
            o.put("latency_s", latency + linLat);
            o.put("util_2d", r.util2d());
            o.put("util_1d", r.util1d());
            if (Double.isNaN(traffic)) o.putNull("dram_bytes");
            else o.put("dram_bytes", traffic + linBytes);
            o.put("energy_pj", energy + linEnergy);
            ObjectNode eb = o.putObject("energy_breakdown_pj");
            eb.put("compute", rep.energy().computePj());
            eb.put("dram", rep.energy().dramPj());
            eb.put("buffer", rep.energy().bufferPj());
            eb.put("register_files", rep.energy().rfPj());
            if (endToEnd) eb.put("linear_layers", linEnergy);
            o.put("area_um2", FuseMaxArea.um2(d, arch));
            o.put("attention_latency_s", latency);
            o.put("attention_energy_pj", energy);
            o.put("attention_compute_cycles", r.computeCycles());
            if (endToEnd) {
                o.put("linear_latency_s", linLat);
                o.put("linear_dram_bytes", linBytes);
                o.put("linear_energy_pj", linEnergy);
            }
            if (r.p1() > 0) o.put("p1", r.p1());
            ObjectNode sh = o.putObject("shares_2d");
            for (Map.Entry<String, Double> e : r.shares2d().entrySet()) sh.put(e.getKey(), e.getValue());
            if (Double.isNaN(traffic)) {
                o.put("note", "FLAT's traffic at L ≤ 64K has no closed form in the artifact (Timeloop counts); its energy uses the compulsory traffic");
            }
            out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s on %s, L = %d, batch %d, %dx%d + %d PEs%s%n", d.id(), s.name(), seqLen, batch, array, array, array,
                    compatMode ? " (fusemax-artifact)" : "");
            out.printf(Locale.ROOT, "  attention: %.6g s (%.0f cycles, %s), 2-D util %.4f, 1-D util %.4f, DRAM %s, energy %.4g pJ%n", latency,
                    latency * arch.clockHz(), rep.timing(), r.util2d(), r.util1d(),
                    Double.isNaN(traffic) ? "n/a (no closed form)" : String.format(Locale.ROOT, "%.0f B", traffic), energy);
            if (endToEnd) {
                out.printf(Locale.ROOT, "  linear layers: %.6g s, DRAM %.0f B, energy %.4g pJ; end to end %.6g s, %.4g pJ%n", linLat, linBytes,
                        linEnergy, latency + linLat, energy + linEnergy);
            }
        }
        return 0;
    }

    /** {@code einsim attention sweep}: FuseMax's Fig. 12 (array sizes at one length) as a CSV and a Pareto chart. */
    @Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Every design on arrays from 16×16 to 512×512 at 256K tokens (FuseMax Fig. 12): latency, energy and "
                    + "chip area per point, the Pareto front of latency against area. Writes sweep.csv and pareto.png (and "
                    + "pareto.svg) to --out and prints the table."})
    static final class Sweep implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--model", paramLabel = "ID", description = "(default: ${DEFAULT-VALUE})")
        String model = "bert";
        @Option(names = "--seqlen", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
        long seqLen = 262_144;
        @Option(names = "--batch", paramLabel = "B", description = "(default: ${DEFAULT-VALUE})")
        long batch = 64;
        @Option(names = "--arrays", paramLabel = "D,...", split = ",", description = "array sizes (default: 16,32,64,128,256,512)")
        long[] arrays = {16, 32, 64, 128, 256, 512};
        @Option(names = "--designs", paramLabel = "ID,...", split = ",", description = "(default: all five)")
        String[] designs = {"unfused", "flat", "plus-cascade", "plus-architecture", "fusemax"};
        @Option(names = "--compat", paramLabel = "fusemax-artifact", description = "the artifact's closed form")
        String compat;
        @Option(names = "--out", paramLabel = "DIR", description = "(default: ${DEFAULT-VALUE})")
        java.nio.file.Path out = java.nio.file.Path.of("attention-sweep");

        @Override
        public Integer call() throws java.io.IOException {
            boolean c = compat(compat);
            if (batch < 1) throw new Main.UsageError("--batch " + batch + ": must be at least 1", "write --batch 64");
            AttentionShape s = shape(model);
            java.util.List<ParetoChart.Point> pts = new java.util.ArrayList<>();
            java.util.List<String[]> rows = new java.util.ArrayList<>();
            for (String id : designs) {
                AttentionDesign d;
                try {
                    d = AttentionDesign.parse(id);
                } catch (IllegalArgumentException e) {
                    throw new Main.UsageError("--designs " + id + ": " + e.getMessage(), "write --designs fusemax,flat");
                }
                for (long a : arrays) {
                    if (a < 1 || seqLen % a != 0 || seqLen < a) {
                        throw new Main.UsageError("--arrays " + a + ": the sequence length " + seqLen + " must be a multiple of it", "use powers of two up to " + seqLen);
                    }
                    FuseMaxArch arch = FuseMaxArch.cloud(a);
                    AttentionModel.Report rep;
                    try {
                        rep = AttentionModel.evaluate(d, s, seqLen, batch, arch, c);
                    } catch (IllegalArgumentException e) {
                        throw new Main.UsageError(d.id() + " on " + a + "x" + a + ": " + e.getMessage(), "check --seqlen, --arrays and --batch");
                    }
                    double area = FuseMaxArea.um2(d, arch);
                    pts.add(new ParetoChart.Point(d.id(), a + "x" + a, area / 1e6, rep.result().latencyS()));
                    rows.add(new String[]{d.id(), Long.toString(a), fmt(area), fmt(rep.result().latencyS()), fmt(rep.result().util2d()),
                            fmt(rep.result().util1d()), fmt(rep.energy().totalPj()), Double.isNaN(rep.result().dramBytes()) ? "" : fmt(rep.result().dramBytes())});
                }
            }
            boolean[] front = ParetoChart.front(pts);
            java.nio.file.Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("design,array,area_um2,latency_s,util_2d,util_1d,energy_pj,dram_bytes,pareto\n");
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "%-18s %6s %12s %14s %8s %8s %12s %s%n", "design", "array", "area mm2", "latency s", "util2d", "util1d", "energy pJ", "pareto");
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                csv.append(String.join(",", r)).append(',').append(front[i]).append('\n');
                w.printf(Locale.ROOT, "%-18s %6s %12.1f %14.6g %8.4f %8.4f %12.4g %s%n", r[0], r[1], Double.parseDouble(r[2]) / 1e6,
                        Double.parseDouble(r[3]), Double.parseDouble(r[4]), Double.parseDouble(r[5]), Double.parseDouble(r[6]), front[i] ? "*" : "");
            }
            java.nio.file.Files.writeString(out.resolve("sweep.csv"), csv);
            org.jfree.chart.JFreeChart ch = ParetoChart.chart(s.name() + " attention, L = " + seqLen + ", batch " + batch, "chip area (mm²)",
                    "latency (s)", pts);
            einsim.reports.roofline.RooflineChart.write(ch, out.resolve("pareto.png"));
            einsim.reports.roofline.RooflineChart.write(ch, out.resolve("pareto.svg"));
            w.println("wrote " + out.resolve("sweep.csv") + ", " + out.resolve("pareto.png") + " and " + out.resolve("pareto.svg"));
            w.flush();
            return 0;
        }

        private static String fmt(double v) { return Double.toString(v); }
    }

    /** {@code einsim attention means}: FuseMax's headline means against the paper's (brief §12). */
    @Command(name = "means", mixinStandardHelpOptions = true,
            description = {"FuseMax's headline means over BERT, TrXL, T5 and XLM at 1K to 1M tokens, einsim beside the paper: "
                    + "attention and end-to-end speedup and energy against FLAT and Unfused (linear layers mapped by einsim's "
                    + "mapper; takes a minute or two)."})
    static final class Means implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--compat", paramLabel = "fusemax-artifact", description = "the artifact's closed form for latency")
        String compat;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        String format = "text";

        @Override
        public Integer call() throws JsonProcessingException {
            boolean c = compat(compat);
            Main.checkFormat(format);
            Map<String, Double> m = AttentionMeans.compute(c);
            PrintWriter w = spec.commandLine().getOut();
            if (format.equals("json")) {
                ObjectNode o = CascadeCommand.JSON.createObjectNode();
                m.forEach((k, v) -> o.putObject(k).put("einsim", v).put("paper", AttentionMeans.PAPER.get(k)));
                w.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            } else {
                w.printf(Locale.ROOT, "%-32s %10s %10s %8s%n", "mean over 24 points", "einsim", "paper", "ratio");
                m.forEach((k, v) -> w.printf(Locale.ROOT, "%-32s %10.4f %10.4f %8.3f%n", k, v, AttentionMeans.PAPER.get(k), v / AttentionMeans.PAPER.get(k)));
            }
            w.flush();
            return 0;
        }
    }

    static AttentionShape shape(String model) {
        AttentionShape p = AttentionShape.preset(model);
        if (p != null) return p;
        ModelConfig c = ModelZoo.resolve(model);
        return new AttentionShape(c.id(), c.hiddenSize(), c.numHeads(), c.headDim(), c.headDim(), c.intermediateSize());
    }
}
