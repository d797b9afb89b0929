package einsim.cli.notebook;

import einsim.arch.compute.systolic.Gemm;
import einsim.arch.compute.systolic.SystolicArrayFactory;
import einsim.arch.compute.systolic.SystolicArraySpec;
import einsim.arch.device.DeviceCatalog;
import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cli.Main;
import einsim.reports.roofline.RooflineAnalyzer;
import einsim.reports.roofline.RooflineChart;
import einsim.reports.roofline.RooflineResult;
import einsim.reports.roofline.RooflineWriter;
import einsim.reports.roofline.Stage;
import einsim.sim.Result;
import einsim.workloads.BundledCascades;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * einsim for interactive use, the same in plain {@code jshell} and in a Jupyter notebook (the einsim kernel):
 * results print as readable tables, and {@link #show(JFreeChart)} draws a chart inline in Jupyter (in jshell it
 * writes a PNG and prints its path).
 *
 * <pre>
 * import einsim.cli.notebook.Einsim;
 * var r = Einsim.roofline("meta-llama/Llama-2-7b-hf", "nvidia_A100_80G").decode(1024).batch(8).run();
 * r                                  // the table
 * Einsim.show(r.chart())             // the roofline
 * Einsim.cli("simulate --arch tpu-v1 --gemm 1024,1024,1024")   // any einsim command, its output as text
 * </pre>
 */
public final class Einsim {
    private Einsim() {}

    /** A roofline analysis to configure: stage, sequence length, batch, bits, FlashAttention, compat mode. */
    public static RooflineQuery roofline(String model, String hardware) { return new RooflineQuery(model, hardware); }

    /** Runs any einsim command line (as typed after {@code einsim}) and returns what it prints. */
    public static Text cli(String commandLine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(commandLine.trim().split("\\s+"), new PrintWriter(out), new PrintWriter(err));
        // progress lines go to stderr: shown only when the command failed
        return new Text(out + (code == 0 || code == 1 ? "" : err + "(exit " + code + ")"));
    }

    /** Analyses a bundled cascade or a .ein file at the given rank sizes ("M=1024,P=1024,..."). */
    public static Text cascade(String cascade, String ranks) {
        return cli("cascade analyze " + cascade + " --ranks " + ranks);
    }

    /** The cascade's analysis as data. */
    public static Analysis analyzeCascade(String cascade, Map<String, Long> ranks) {
        return CascadeAnalyzer.analyze(SizedCascade.of(CascadeModel.of(BundledCascades.resolve(cascade)), ranks));
    }

    /** A GEMM on a systolic array preset (or arch YAML), analytic. */
    public static Result simulate(String arch, long m, long n, long k) {
        SystolicArraySpec s = SystolicArrayFactory.resolve(arch);
        return SystolicArrayFactory.create(s).analytic(new Gemm(m, n, k));
    }

    /** Runs a sweep file into a store; returns the summary line. */
    public static Text sweep(String sweepFile, String store) {
        return cli("sweep " + sweepFile + " --out " + store);
    }

    /** SQL over a store's results table, as a table. */
    public static Text query(String store, String sql) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(new String[]{"results", "query", store, sql}, new PrintWriter(out), new PrintWriter(err));
        return new Text(out + err.toString());
    }

    /** Charts two columns of a store (ok points) with the Pareto front, and shows it. */
    public static void plot(String store, String x, String y, String color) {
        try {
            Path png = Files.createTempFile("einsim-plot", ".png");
            String[] args = color == null ? new String[]{"plot", store, png.toString(), "--x", x, "--y", y, "--pareto"}
                    : new String[]{"plot", store, png.toString(), "--x", x, "--y", y, "--color", color, "--pareto"};
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
            if (code != 0) {
                System.out.println(err);
                return;
            }
            showPng(Files.readAllBytes(png), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shows a chart: inline in the einsim Jupyter kernel, else as a PNG file whose path is printed. */
    public static void show(JFreeChart chart) {
        System.setProperty("java.awt.headless", "true");
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(png, chart, 900, 560);
            Path file = EinsimKernel.current() == null ? Files.createTempFile("einsim-chart", ".png") : null;
            showPng(png.toByteArray(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void showPng(byte[] png, Path file) throws IOException {
        EinsimKernel k = EinsimKernel.current();
        if (k != null) {
            k.displayPng(Base64.getEncoder().encodeToString(png));
        } else {
            Files.write(file, png);
            System.out.println("chart written to " + file);
        }
    }

    /** Plain text that prints as it is (jshell shows a String in quotes). */
    public record Text(String text) {
        @Override
        public String toString() { return text.stripTrailing(); }
    }

    /** A roofline analysis being configured. */
    public static final class RooflineQuery {
        private final String model;
        private final String hardware;
        private Stage stage = Stage.DECODE;
        private long seqlen = 1024;
        private long batch = 1;
        private int w = 16;
        private int a = 16;
        private int kv = 16;
        private boolean flash;
        private boolean compat;

        RooflineQuery(String model, String hardware) {
            this.model = model;
            this.hardware = hardware;
        }

        public RooflineQuery decode(long cachedTokens) { stage = Stage.DECODE; seqlen = cachedTokens; return this; }
        public RooflineQuery prefill(long promptTokens) { stage = Stage.PREFILL; seqlen = promptTokens; return this; }
        public RooflineQuery batch(long b) { batch = b; return this; }
        public RooflineQuery bits(int weights, int activations, int kvCache) { w = weights; a = activations; kv = kvCache; return this; }
        public RooflineQuery flashAttention() { flash = true; return this; }
        public RooflineQuery llmViewer() { compat = true; return this; }

        public Roofline run() {
            ModelConfig m = ModelZoo.resolve(model);
            LlmOptions o = compat ? LlmOptions.llmViewer(batch, w, a, kv, flash, 1) : LlmOptions.corrected(batch, w, a, kv, flash, 1);
            return new Roofline(RooflineAnalyzer.analyze(m, DeviceCatalog.resolve(hardware), o, stage, seqlen));
        }

        /** Decode time per token (s) at each context length. */
        public Map<Long, Double> decodeSweep(long... contexts) {
            ModelConfig m = ModelZoo.resolve(model);
            LlmOptions o = compat ? LlmOptions.llmViewer(batch, w, a, kv, flash, 1) : LlmOptions.corrected(batch, w, a, kv, flash, 1);
            Map<Long, Double> out = new LinkedHashMap<>();
            for (long c : Arrays.stream(contexts).sorted().toArray()) {
                out.put(c, RooflineAnalyzer.analyze(m, DeviceCatalog.resolve(hardware), o, Stage.DECODE, c).total().timeS());
            }
            return out;
        }
    }

    /** A roofline result that prints as einsim's text table. */
    public record Roofline(RooflineResult result) {
        public JFreeChart chart() { return RooflineChart.roofline(result); }

        public double timeS() { return result.total().timeS(); }

        @Override
        public String toString() {
            StringWriter s = new StringWriter();
            PrintWriter p = new PrintWriter(s);
            RooflineWriter.text(result, p);
            p.flush();
            return s.toString().stripTrailing();
        }
    }

    /** A short summary of a simulation result. */
    public static Text describe(Result r) {
        return new Text(String.format(Locale.ROOT, "%s (%s): %,d cycles, %,d stalls, utilization %.1f%%, energy %.4g pJ", r.unit(),
                r.fidelity().name().toLowerCase(Locale.ROOT), r.cycles(), r.stallCycles(), 100 * r.utilization(), r.energyPj()));
    }
}
