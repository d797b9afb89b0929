package einsim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.lut.ComponentTech;
import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.LutGpu;
import einsim.arch.lut.LutGpuSpec;
import einsim.arch.lut.LutPaperArithmetic;
import einsim.arch.lut.TensorUnitPpa;
import einsim.arch.lut.TensorUnitPpa.Design;
import einsim.arch.lut.TensorUnitPpa.Ppa;
import einsim.arch.sail.SailSpec;
import einsim.mappers.lut.LutLlm;
import einsim.reports.chart.ParetoChart;
import einsim.reports.chart.SeriesChart;
import einsim.reports.roofline.RooflineChart;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim lut report} and {@code einsim lut sail}: the LUT Tensor Core comparison and the SAIL report. */
final class LutReports {
    private LutReports() {}

    static final int[] W_BITS = {1, 2, 4};

    /** {@code einsim lut report}: LUT against MAC tensor units, the design-space sweep, and the paper's numbers beside. */
    @Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The LUT Tensor Core against a MAC tensor core from one 28 nm component model (constants cited, none "
                    + "fitted): area, power, compute density (TFLOPs/mm2 at 1 GHz) and energy efficiency (TOPs/W) per weight width "
                    + "and activation type; the M·N·K = 512 design-space sweep and its optimum; the dot-product sweep; the "
                    + "paper's own figures beside (lut-pim brief §6.1). See docs/lut.md."})
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--chart", paramLabel = "DIR", description = "write dse.png and dse.svg (area vs power of every shape)")
        Path chart;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        String format = "text";

        @Override
        public Integer call() throws Exception {
            Main.checkFormat(format);
            ComponentTech t = ComponentTech.tsmc28();
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            ArrayNode units = o.putArray("units");
            ArrayNode dse = o.putArray("dse");
            for (AType a : AType.values()) {
                Ppa mac = TensorUnitPpa.mac(8, 4, 16, a, t);
                units.add(ppa(mac, 1, null));
                for (int w : W_BITS) {
                    Ppa lut = TensorUnitPpa.lut(2, 64, 4, w, a, false, t);
                    units.add(ppa(lut, 1, mac));
                    List<Ppa> d = TensorUnitPpa.dse(Design.LUT, w, a, false, 512, t);
                    ObjectNode x = dse.addObject();
                    x.put("a_type", a.name().toLowerCase(Locale.ROOT)).put("w_bit", w).put("optimum", d.get(0).shape())
                            .put("optimum_k", d.get(0).k());
                    int rank = 0;
                    while (!d.get(rank).shape().equals("M2N64K4")) rank++;
                    x.put("m2n64k4_rank", rank + 1).put("m2n64k4_gap", d.get(rank).areaPowerPerMac2() / d.get(0).areaPowerPerMac2() - 1);
                    ArrayNode top = x.putArray("top");
                    for (int i = 0; i < 4; i++) top.addObject().put("shape", d.get(i).shape()).put("area_power_per_mac2", d.get(i).areaPowerPerMac2());
                }
            }
            ObjectNode dp = o.putObject("dot_product_sweep");
            for (AType a : new AType[]{AType.INT8, AType.FP16}) {
                ArrayNode arr = dp.putArray(a.name().toLowerCase(Locale.ROOT));
                for (Ppa p : TensorUnitPpa.dotProductSweep(8, 1, a, false, t)) arr.addObject().put("k", p.k()).put("tflops_per_mm2", p.tflopsPerMm2(1));
            }
            // rows 9 and 10 of the brief beside the paper
            Ppa dp4 = TensorUnitPpa.lut(1, 1, 4, 1, AType.FP16, false, t);
            Ppa mac4 = TensorUnitPpa.mac(1, 1, 4, AType.FP16, t);
            ObjectNode paper = o.putObject("paper");
            paper.putObject("dp4_density_tflops_per_mm2").put("lut_paper", 61.55).put("lut_einsim", dp4.tflopsPerMm2(1))
                    .put("mac_paper", 3.39).put("mac_einsim", mac4.tflopsPerMm2(1)).put("ratio_paper", 61.55 / 3.39)
                    .put("ratio_einsim", dp4.tflopsPerMm2(1) / mac4.tflopsPerMm2(1));
            ObjectNode gain = paper.putObject("one_bit_tc_gain_vs_mac");
            gain.put("paper", "4-6x area and power");
            for (AType a : AType.values()) {
                Ppa l = TensorUnitPpa.lut(2, 64, 4, 1, a, false, t);
                Ppa m = TensorUnitPpa.mac(8, 4, 16, a, t);
                gain.putObject(a.name().toLowerCase(Locale.ROOT)).put("area", (m.areaUm2() / m.macsPerCycle()) / (l.areaUm2() / l.macsPerCycle()))
                        .put("power", (m.powerMw() / m.macsPerCycle()) / (l.powerMw() / l.macsPerCycle()));
            }
            // row 11: the Accel-Sim kernel
            LutGpu g = new LutGpu(LutGpuSpec.preset("lut-tensor-core").with(2, LutGpuSpec.Precompute.FUSED, false, 1.0));
            paper.putObject("accel_sim_kernel").put("shape", "M2048 N27648 K2560, W_INT2, 2x array").put("accel_sim_cycles", 804_234)
                    .put("ideal_cycles", 655_360).put("einsim_analytic", g.analytic(2048, 27648, 2560, 2, AType.FP16).cycles())
                    .put("einsim_cycle", g.cycle(2048, 27648, 2560, 2, AType.FP16).cycles());
            // the paper's §4.3: W_INT1A_FP16 LUT at 14.3 % of the FP16 MAC tensor core's area is slightly faster
            Ppa l1 = TensorUnitPpa.lut(2, 64, 4, 1, AType.FP16, false, t);
            Ppa fp16Tc = TensorUnitPpa.mac(8, 4, 8, AType.FP16, t);
            paper.putObject("equal_throughput_area").put("paper", 0.143)
                    .put("einsim", (l1.areaUm2() / l1.macsPerCycle()) / (fp16Tc.areaUm2() / fp16Tc.macsPerCycle()));
            Ppa t2 = TensorUnitPpa.lut(2, 64, 4, 2, AType.INT8, false, t);
            paper.putObject("table2_lut_tc").put("paper_area_um2", LutPaperArithmetic.TABLE2_AREA[3]).put("paper_power_mw", LutPaperArithmetic.TABLE2_POWER[3])
                    .put("einsim_area_um2", t2.areaUm2()).put("einsim_power_mw", t2.powerMw());
            ArrayNode kern = o.putArray("kernel");
            long[] shape = {2048, 27648, 5120};
            double base = Double.NaN;
            // the last column: Table 1's printed tensor-core area per SM (mm², 28 nm), where the paper has the row
            Object[][] configs = {{"A100 FP16 TC (FP16 weights)", "mac-tensor-core", 1, 16, AType.FP16, 0.975},
                    {"A100 INT8 TC (W_INT2, dequantized)", "mac-tensor-core", 1, 2, AType.INT8, 0.312},
                    {"A100-LUT-1X W_INT2 A_INT8", "lut-tensor-core", 1, 2, AType.INT8, Double.NaN},
                    {"A100-LUT-4X W_INT2 A_INT8", "lut-tensor-core", 4, 2, AType.INT8, 0.187},
                    {"A100-LUT-8X W_INT2 A_INT8", "lut-tensor-core", 8, 2, AType.INT8, 0.373},
                    {"A100-LUT-1X W_INT1 A_FP16", "lut-tensor-core", 1, 1, AType.FP16, Double.NaN},
                    {"A100-LUT-4X W_INT1 A_FP16", "lut-tensor-core", 4, 1, AType.FP16, Double.NaN}};
            for (Object[] c : configs) {
                LutGpuSpec gs = LutGpuSpec.preset((String) c[1]);
                LutGpu gpu = new LutGpu(gs.with((int) c[2], gs.precompute(), false, 1.0));
                var r = gpu.analytic(shape[0], shape[1], shape[2], (int) c[3], (AType) c[4]);
                if (Double.isNaN(base)) base = r.seconds();
                ObjectNode kr = kern.addObject().put("config", (String) c[0]).put("ms", r.seconds() * 1e3).put("speedup", base / r.seconds())
                        .put("tensor_area_mm2", r.areaUm2() / 1e6).put("area_per_sm_mm2", r.areaUm2() / 1e6 / gs.sms());
                if (!Double.isNaN((double) c[5])) kr.put("paper_area_per_sm_mm2", (double) c[5]);
            }
            // Table 1's latencies (brief §6.1 row 12): BitNet b1.58 3B, BS1 SEQ2048 (prefill) and BS1024 SEQ1 (one decode
            // step with no cached context, the paper gives none)
            ModelConfig bitnet = LutLlm.bitnet3b();
            ArrayNode lat = paper.putArray("table1_latency_ms");
            Object[][] rows1 = {{"A100 FP16 TC (FP16/FP16)", "mac-tensor-core", 1, 16, AType.FP16, 106.71, 41.15},
                    {"A100 INT8 TC (INT2/INT8)", "mac-tensor-core", 1, 2, AType.INT8, 67.06, 21.70},
                    {"A100-LUT-4X (INT2/INT8)", "lut-tensor-core", 4, 2, AType.INT8, 42.49, 11.41},
                    {"A100-LUT-8X (INT2/INT8)", "lut-tensor-core", 8, 2, AType.INT8, 38.02, 7.47}};
            for (Object[] c : rows1) {
                LutGpuSpec gs = LutGpuSpec.preset((String) c[1]);
                gs = gs.with((int) c[2], gs.precompute(), false, 1.0);
                double pre = LutLlm.gpu(gs, bitnet, true, 2048, 1, (int) c[3], (AType) c[4]).seconds() * 1e3;
                double dec = LutLlm.gpu(gs, bitnet, false, 1, 1024, (int) c[3], (AType) c[4]).seconds() * 1e3;
                lat.addObject().put("config", (String) c[0]).put("prefill_paper", (double) c[5]).put("prefill_einsim", pre)
                        .put("decode_paper", (double) c[6]).put("decode_einsim", dec);
            }
            ArrayNode t1 = paper.putArray("table1");
            for (LutPaperArithmetic.Table1Row r : LutPaperArithmetic.TABLE1) {
                t1.addObject().put("config", r.config()).put("peak_printed", r.peak()).put("peak_derived", r.derivedPeak())
                        .put("density_printed", r.density()).put("density_derived", r.derivedDensity());
            }
            ObjectNode prov = o.putObject("constants");
            t.provenance().forEach(prov::put);
            if (chart != null) writeChart(t);
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
                out.flush();
                return 0;
            }
            out.println("LUT Tensor Core (M2N64K4, bit-serial) vs MAC tensor core (M8N4K16, dequantized weights), 28 nm component model, 1 GHz");
            out.printf(Locale.ROOT, "%-10s %-10s %11s %9s %8s %11s %8s %10s %10s%n", "unit", "W/A", "area um2", "power mW", "MAC/cyc",
                    "TFLOPs/mm2", "TOPs/W", "area gain", "power gain");
            for (var u : units) {
                out.printf(Locale.ROOT, "%-10s %-10s %11.0f %9.2f %8.0f %11.2f %8.2f %10s %10s%n", u.get("unit").asText(), u.get("w_a").asText(),
                        u.get("area_um2").asDouble(), u.get("power_mw").asDouble(), u.get("macs_per_cycle").asDouble(),
                        u.get("tflops_per_mm2").asDouble(), u.get("tops_per_w").asDouble(), u.has("area_gain") ? String.format(Locale.ROOT, "%.2fx", u.get("area_gain").asDouble()) : "",
                        u.has("power_gain") ? String.format(Locale.ROOT, "%.2fx", u.get("power_gain").asDouble()) : "");
            }
            out.println();
            out.println("Design-space sweep, M·N·K = 512 (area x power, the paper's Fig. 14): optimum, and where the RTL's M2N64K4 lands");
            for (var x : dse) {
                out.printf(Locale.ROOT, "  W_INT%d A_%-5s optimum %-9s (K = %d); M2N64K4 rank %d, %.1f%% behind; next: %s, %s%n", x.get("w_bit").asInt(),
                        x.get("a_type").asText().toUpperCase(Locale.ROOT), x.get("optimum").asText(), x.get("optimum_k").asInt(),
                        x.get("m2n64k4_rank").asInt(), 100 * x.get("m2n64k4_gap").asDouble(), x.get("top").get(1).get("shape").asText(),
                        x.get("top").get(2).get("shape").asText());
            }
            out.println();
            out.println("Dot-product unit (M = N = 1, W_INT1), TFLOPs/mm2 by K (the paper's Fig. 11: INT peaks at K = 4, FP at K = 5):");
            dp.fields().forEachRemaining(e -> {
                StringBuilder b = new StringBuilder("  " + e.getKey() + ":");
                for (var p : e.getValue()) b.append(String.format(Locale.ROOT, " K%d %.2f", p.get("k").asInt(), p.get("tflops_per_mm2").asDouble()));
                out.println(b);
            });
            out.println();
            out.println("Beside the paper (report only; brief §6.1 rows 9-11):");
            var d4 = paper.get("dp4_density_tflops_per_mm2");
            out.printf(Locale.ROOT, "  DP4 density: LUT %.2f (paper 61.55), MAC %.2f (paper 3.39), ratio %.1fx (paper 18.2x)%n",
                    d4.get("lut_einsim").asDouble(), d4.get("mac_einsim").asDouble(), d4.get("ratio_einsim").asDouble());
            gain.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    out.printf(Locale.ROOT, "  1-bit tensor unit vs MAC, A_%s: area %.2fx, power %.2fx (paper: 4-6x)%n", e.getKey().toUpperCase(Locale.ROOT),
                            e.getValue().get("area").asDouble(), e.getValue().get("power").asDouble());
                }
            });
            var ak = paper.get("accel_sim_kernel");
            out.printf(Locale.ROOT, "  Accel-Sim kernel (%s): log %,d cycles, ideal %,d; einsim analytic %,d, cycle-level %,d%n", ak.get("shape").asText(),
                    804_234, 655_360, ak.get("einsim_analytic").asLong(), ak.get("einsim_cycle").asLong());
            var tab2 = paper.get("table2_lut_tc");
            out.printf(Locale.ROOT, "  Table 2's LUT Tensor Core (W_INT2 A_INT8, M·N·K = 512): %.0f um2, %.2f mW (paper %.0f um2, %.2f mW)%n",
                    tab2.get("einsim_area_um2").asDouble(), tab2.get("einsim_power_mw").asDouble(), tab2.get("paper_area_um2").asDouble(),
                    tab2.get("paper_power_mw").asDouble());
            out.printf(Locale.ROOT, "  W_INT1 A_FP16 LUT area at the FP16 MAC tensor core's throughput: %.1f%% of it (paper: 14.3%%)%n",
                    100 * paper.get("equal_throughput_area").get("einsim").asDouble());
            out.println();
            out.println("LLAMA2-13B kernel M2048 N27648 K5120 (the paper's §4.3) on the GPUs, analytic; tensor-core area at 28 nm per SM");
            out.println("(Table 1's printed area per SM beside):");
            for (var r : kern) {
                out.printf(Locale.ROOT, "  %-36s %8.3f ms  %5.2fx  %6.3f mm2/SM%s%n", r.get("config").asText(), r.get("ms").asDouble(),
                        r.get("speedup").asDouble(), r.get("area_per_sm_mm2").asDouble(),
                        r.has("paper_area_per_sm_mm2") ? String.format(Locale.ROOT, " (paper %.3f)", r.get("paper_area_per_sm_mm2").asDouble()) : "");
            }
            out.println();
            out.println("Table 1's latencies, BitNet b1.58 3B (ms; einsim / paper; speedup over the FP16 row, einsim / paper):");
            double p0 = lat.get(0).get("prefill_einsim").asDouble();
            double d0 = lat.get(0).get("decode_einsim").asDouble();
            for (var r : lat) {
                out.printf(Locale.ROOT, "  %-26s BS1 SEQ2048 %7.2f / %6.2f (%4.2fx / %4.2fx)   BS1024 SEQ1 %6.2f / %6.2f (%4.2fx / %4.2fx)%n",
                        r.get("config").asText(), r.get("prefill_einsim").asDouble(), r.get("prefill_paper").asDouble(),
                        p0 / r.get("prefill_einsim").asDouble(), 106.71 / r.get("prefill_paper").asDouble(), r.get("decode_einsim").asDouble(),
                        r.get("decode_paper").asDouble(), d0 / r.get("decode_einsim").asDouble(), 41.15 / r.get("decode_paper").asDouble());
            }
            out.println();
            out.println("The paper's Table 1 from its printed inputs (peak = SMs x 4 x 512k x 1.41 GHz; density = peak / (SMs x area)):");
            for (var r : t1) {
                out.printf(Locale.ROOT, "  %-13s peak %7.1f (printed %6.0f)  density %6.2f (printed %6.2f)%n", r.get("config").asText(),
                        r.get("peak_derived").asDouble(), r.get("peak_printed").asDouble(), r.get("density_derived").asDouble(),
                        r.get("density_printed").asDouble());
            }
            out.println();
            out.println("Constants (ComponentTech.tsmc28):");
            t.provenance().forEach((k, v) -> out.printf(Locale.ROOT, "  %s: %s%n", k, v));
            if (chart != null) out.println("wrote " + chart.resolve("dse.png") + " and " + chart.resolve("dse.svg"));
            out.flush();
            return 0;
        }

        private void writeChart(ComponentTech t) {
            List<ParetoChart.Point> pts = new ArrayList<>();
            for (Ppa p : TensorUnitPpa.dse(Design.LUT, 1, AType.FP16, false, 512, t)) {
                pts.add(new ParetoChart.Point("LUT K" + p.k(), p.shape(), p.areaUm2() / p.macsPerCycle(), p.powerMw() / p.macsPerCycle()));
            }
            for (Ppa p : TensorUnitPpa.dse(Design.MAC, 1, AType.FP16, false, 512, t)) {
                pts.add(new ParetoChart.Point("MAC", p.shape(), p.areaUm2() / p.macsPerCycle(), p.powerMw() / p.macsPerCycle()));
            }
            var ch = ParetoChart.chart("W_INT1 A_FP16 tensor units, M·N·K = 512 (28 nm)", "area per MAC/cycle (µm²)", "power per MAC/cycle (mW at 1 GHz)", pts);
            RooflineChart.write(ch, chart.resolve("dse.png"));
            RooflineChart.write(ch, chart.resolve("dse.svg"));
        }

        private static ObjectNode ppa(Ppa p, double clockGhz, Ppa mac) {
            ObjectNode u = CascadeCommand.JSON.createObjectNode();
            u.put("unit", p.design().name() + " " + p.shape());
            u.put("w_a", (p.design() == Design.MAC ? (p.aType() == AType.INT8 ? "INT8" : "FP16") : "INT" + p.weightBits()) + "/" + p.aType().name());
            u.put("area_um2", p.areaUm2()).put("power_mw", p.powerMw()).put("macs_per_cycle", p.macsPerCycle())
                    .put("tflops_per_mm2", p.tflopsPerMm2(clockGhz)).put("tops_per_w", p.topsPerW());
            if (mac != null) {
                u.put("area_gain", (mac.areaUm2() / mac.macsPerCycle()) / (p.areaUm2() / p.macsPerCycle()));
                u.put("power_gain", (mac.powerMw() / mac.macsPerCycle()) / (p.powerMw() / p.macsPerCycle()));
            }
            ObjectNode c = u.putObject("area_um2_by_component");
            p.areaUm2ByComponent().forEach(c::put);
            return u;
        }
    }

    /** {@code einsim lut sail}: SAIL against the Neoverse-N1 CPU and the V100 over batch sizes, with its assumptions. */
    @Command(name = "sail", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"SAIL (SRAM-PIM LUT-GEMV in a CPU's last-level cache) on an LLM: tokens per second and tokens per dollar "
                    + "against the Neoverse-N1 CPU alone and a V100, over batch sizes; the paper's maxima (10.7x, 19.9x, 7.04x) "
                    + "beside; every assumption printed; --sweep moves each assumption x0.5 and x2 and shows the headlines."})
    static final class Sail implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--model", paramLabel = "ID", description = "(default: ${DEFAULT-VALUE})")
        String model = "meta-llama/Llama-2-7b-hf";
        @Option(names = "--stage", paramLabel = "S", description = "prefill or decode (default: ${DEFAULT-VALUE})")
        String stage = "decode";
        @Option(names = "--context", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
        long context = 256;
        @Option(names = "--w-bit", paramLabel = "B,...", split = ",", description = "weight bits (default: 2,3,4,8)")
        List<Integer> wBits = List.of(2, 3, 4, 8);
        @Option(names = "--batch", paramLabel = "B,...", split = ",", description = "batch sizes (default: 1,4,16,64)")
        List<Long> batches = List.of(1L, 4L, 16L, 64L);
        @Option(names = "--pattern-skip", paramLabel = "F", description = "fraction of lookups skipped (default: measured)")
        Double patternSkip;
        @Option(names = "--activations", paramLabel = "FILE", description = "measure the skip on these activations (one token per line)")
        Path activations;
        @Option(names = "--seed", paramLabel = "S", description = "(default: ${DEFAULT-VALUE})")
        long seed = 1;
        @Option(names = "--sweep", description = "each assumption x0.5 and x2: how far the headlines move")
        boolean sweep;
        @Option(names = "--chart", paramLabel = "DIR", description = "write sail.png and sail.svg (tokens per second against batch)")
        Path chart;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        String format = "text";

        record Row(long batch, int w, LutLlm.Report sail, LutLlm.Report cpu, LutLlm.Report gpu) {
            double speedup() { return sail.tokensPerS() / cpu.tokensPerS(); }

            double tpdCpu() { return sail.tokensPerDollar() / cpu.tokensPerDollar(); }

            double tpdGpu() { return sail.tokensPerDollar() / gpu.tokensPerDollar(); }
        }

        List<Row> rows(SailSpec s, ModelConfig m, boolean prefill) {
            List<Row> out = new ArrayList<>();
            for (int w : wBits) {
                for (long b : batches) {
                    out.add(new Row(b, w, LutLlm.sail(s, m, prefill, context, b, w, seed), LutLlm.cpu(s, m, prefill, context, b, w),
                            LutLlm.v100(s, m, prefill, context, b)));
                }
            }
            return out;
        }

        static double[] headline(List<Row> rows) {
            double[] h = new double[3];
            for (Row r : rows) {
                h[0] = Math.max(h[0], r.speedup());
                h[1] = Math.max(h[1], r.tpdCpu());
                h[2] = Math.max(h[2], r.tpdGpu());
            }
            return h;
        }

        @Override
        public Integer call() throws Exception {
            Main.checkFormat(format);
            boolean prefill = LutLowBit.prefill(stage);
            for (int w : wBits) LutLowBit.wholeBits((double) w, 16);
            for (long b : batches) if (b < 1) throw new Main.UsageError("--batch " + b + ": must be at least 1", "write --batch 1,4,16");
            if (context < 1) throw new Main.UsageError("--context " + context + ": must be at least 1", "write --context 256");
            ModelConfig m = ModelZoo.resolve(model);
            SailSpec s = LutSimulate.measuredOn(LutSimulate.sail(SailSpec.preset(), patternSkip), activations);
            List<Row> rows = rows(s, m, prefill);
            double[] h = headline(rows);
            double[] paper = {10.7, 19.9, 7.04};
            Map<String, double[][]> sweepOut = new LinkedHashMap<>();
            if (sweep) {
                for (SailSpec.Param p : SailSpec.PARAMS.values()) {
                    double[][] moved = new double[2][];
                    double[] f = {0.5, 2};
                    for (int i = 0; i < 2; i++) {
                        double base = s.get(p.key());
                        double v = p.key().equals("pattern_skip") ? (Double.isNaN(base) ? (i == 0 ? 0 : 0.138 * 2) : base * f[i]) : base * f[i];
                        if (p.key().equals("group") || p.key().equals("symmetric_tables")) v = Math.rint(v);
                        try {
                            moved[i] = headline(rows(s.with(p.key(), v), m, prefill));
                        } catch (IllegalArgumentException e) {
                            moved[i] = null;   // out of the parameter's range (an efficiency above 1, say)
                        }
                    }
                    sweepOut.put(p.key(), moved);
                }
            }
            if (chart != null) {
                Map<String, double[][]> series = new LinkedHashMap<>();
                int w = wBits.get(0);
                for (String unit : new String[]{"SAIL", "CPU (Neoverse-N1)", "V100 (FP16)"}) {
                    series.put(unit + (unit.startsWith("V100") ? "" : ", W_INT" + w), rows.stream().filter(r -> r.w() == w).map(r -> new double[]{r.batch(),
                            (unit.equals("SAIL") ? r.sail() : unit.startsWith("CPU") ? r.cpu() : r.gpu()).tokensPerS()}).toArray(double[][]::new));
                }
                var ch = SeriesChart.chart(m.id() + " " + (prefill ? "prefill" : "decode") + ", context " + context, "batch", "tokens per second", series);
                RooflineChart.write(ch, chart.resolve("sail.png"));
                RooflineChart.write(ch, chart.resolve("sail.svg"));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                ObjectNode o = CascadeCommand.JSON.createObjectNode();
                o.put("model", m.id()).put("stage", prefill ? "prefill" : "decode").put("context", context);
                ArrayNode arr = o.putArray("rows");
                for (Row r : rows) {
                    arr.addObject().put("batch", r.batch()).put("w_bit", r.w()).put("sail_tokens_per_s", r.sail().tokensPerS())
                            .put("cpu_tokens_per_s", r.cpu().tokensPerS()).put("v100_tokens_per_s", r.gpu().tokensPerS())
                            .put("tokens_per_dollar", r.sail().tokensPerDollar()).put("speedup_vs_cpu", r.speedup())
                            .put("tokens_per_dollar_vs_cpu", r.tpdCpu()).put("tokens_per_dollar_vs_v100", r.tpdGpu()).put("pattern_skip", r.sail().patternSkip());
                }
                ObjectNode hh = o.putObject("headline");
                hh.put("speedup_vs_cpu", h[0]).put("tokens_per_dollar_vs_cpu", h[1]).put("tokens_per_dollar_vs_v100", h[2]);
                hh.put("paper_speedup_vs_cpu", paper[0]).put("paper_tokens_per_dollar_vs_cpu", paper[1]).put("paper_tokens_per_dollar_vs_v100", paper[2]);
                hh.put("within_paper_maxima", h[0] <= paper[0] && h[1] <= paper[1] && h[2] <= paper[2]);
                hh.put("area_overhead", s.get("hw_overhead"));
                if (sweep) {
                    ObjectNode sw = o.putObject("sweep");
                    sweepOut.forEach((k, v) -> {
                        ObjectNode x = sw.putObject(k);
                        for (int i = 0; i < 2; i++) {
                            if (v[i] == null) continue;
                            x.putObject(i == 0 ? "half" : "double").put("speedup_vs_cpu", v[i][0]).put("tokens_per_dollar_vs_cpu", v[i][1])
                                    .put("tokens_per_dollar_vs_v100", v[i][2]);
                        }
                    });
                }
                ObjectNode as = o.putObject("assumptions");
                sailAssumptions(rows).forEach(as::put);
                out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
                out.flush();
                return 0;
            }
            out.printf(Locale.ROOT, "SAIL on %s, %s, context %d (tokens/s; ratios are SAIL over the baseline)%n", m.id(), prefill ? "prefill" : "decode", context);
            out.printf(Locale.ROOT, "%5s %6s %10s %10s %10s %9s %10s %10s %6s%n", "W", "batch", "SAIL", "CPU", "V100", "speedup", "tok/$ CPU", "tok/$ V100", "skip");
            for (Row r : rows) {
                out.printf(Locale.ROOT, "%5s %6d %10.1f %10.1f %10.1f %8.2fx %9.2fx %9.2fx %6.3f%n", "INT" + r.w(), r.batch(), r.sail().tokensPerS(),
                        r.cpu().tokensPerS(), r.gpu().tokensPerS(), r.speedup(), r.tpdCpu(), r.tpdGpu(), r.sail().patternSkip());
            }
            out.printf(Locale.ROOT, "maxima: speedup %.2fx (paper up to 10.7x), tokens per dollar %.2fx vs CPU (19.9x), %.2fx vs V100 (7.04x): %s%n",
                    h[0], h[1], h[2], h[0] <= paper[0] && h[1] <= paper[1] && h[2] <= paper[2] ? "inside the paper's maxima" : "ABOVE a paper maximum");
            out.printf(Locale.ROOT, "area overhead %.1f%% of the CPU die (paper: 2%%); pattern skip measured per batch (paper's average cut: 13.8%%)%n",
                    100 * s.get("hw_overhead"));
            if (sweep) {
                out.println();
                out.println("Assumption sweep: headline maxima (speedup, tok/$ vs CPU, tok/$ vs V100) with the assumption x0.5 | x2");
                out.println("  (pattern_skip, measured by default: 0 | 0.276, twice the paper's average cut)");
                out.printf(Locale.ROOT, "  %-26s %6.2f %6.2f %6.2f (defaults)%n", "", h[0], h[1], h[2]);
                sweepOut.forEach((k, v) -> out.printf(Locale.ROOT, "  %-26s %s | %s%n", k, fmt(v[0]), fmt(v[1])));
            }
            out.println();
            out.println("assumptions:");
            sailAssumptions(rows).forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, v));
            if (chart != null) out.println("wrote " + chart.resolve("sail.png") + " and " + chart.resolve("sail.svg"));
            out.flush();
            return 0;
        }

        /** The assumptions, with the skip, which differs by batch, pointing at the table's column. */
        private static Map<String, String> sailAssumptions(List<Row> rows) {
            Map<String, String> a = new LinkedHashMap<>(rows.get(0).sail().assumptions());
            if (a.containsKey("pattern_skip_used")) a.put("pattern_skip_used", "per batch: the skip column of the table (" + a.get("pattern_skip_used")
                    .replaceFirst("^[0-9.]+ ?", "").trim() + ")");
            return a;
        }

        private static String fmt(double[] v) {
            return v == null ? "   (out of range)   " : String.format(Locale.ROOT, "%6.2f %6.2f %6.2f", v[0], v[1], v[2]);
        }
    }
}
