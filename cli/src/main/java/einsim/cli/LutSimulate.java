package einsim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.compute.systolic.Gemm;
import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.LutGpu;
import einsim.arch.lut.LutGpuSpec;
import einsim.arch.lut.LutUnitFactory;
import einsim.arch.sail.SailModel;
import einsim.arch.sail.SailSpec;
import einsim.sim.Result;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** {@code einsim simulate} on a LUT unit: a LUT Tensor Core or MAC tensor-core GPU, or SAIL. */
final class LutSimulate {
    private LutSimulate() {}

    static AType aType(String s, AType dflt) {
        if (s == null) return dflt;
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "int8" -> AType.INT8;
            case "fp8" -> AType.FP8;
            case "fp16" -> AType.FP16;
            default -> throw new Main.UsageError("--a-type " + s + ": must be int8, fp8 or fp16", "write --a-type fp16");
        };
    }

    static int weightBits(Integer w, int max) {
        if (w == null) throw new Main.UsageError("the LUT units need --w-bit (the weights' bits, 1 to " + max + ")", "write --w-bit 2");
        if (w < 1 || w > max) throw new Main.UsageError("--w-bit " + w + ": must be from 1 to " + max, "write --w-bit 2");
        return w;
    }

    /** The GPU spec with the command line's overrides. */
    static LutGpuSpec gpu(LutGpuSpec g, Integer units, Integer arrayMultiple, String precompute, boolean tableInt8) {
        try {
            LutGpuSpec.Precompute pre = precompute == null ? g.precompute() : LutGpuSpec.Precompute.parse(precompute);
            if (g.kind() == LutGpuSpec.Kind.MAC && (precompute != null || tableInt8)) {
                throw new Main.UsageError("--precompute and --table-int8 apply to lut-tensor-core only", "drop them for mac-tensor-core");
            }
            g = g.with(arrayMultiple == null ? g.arrayMultiple() : arrayMultiple, pre, tableInt8 || g.tablesInt8(), g.efficiency());
            return units == null ? g : g.withUnits(units);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage(), "see einsim simulate --help");
        }
    }

    /**
     * Activations from a text file, one token per line, values separated by commas or spaces ({@code #} comments):
     * the rows SAIL's pattern-aware reuse is measured on.
     */
    static double[][] activations(java.nio.file.Path file) {
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        java.util.List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new Main.UsageError("--activations " + file + ": cannot read it (" + e.getMessage() + ")", "check the path");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) continue;
            String[] f = line.split("[,\\s]+");
            double[] v = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                try {
                    v[j] = Double.parseDouble(f[j]);
                } catch (NumberFormatException e) {
                    throw new Main.UsageError(file + ":" + (i + 1) + ": '" + f[j] + "' is not a number", "one token per line, values separated by commas");
                }
                if (!Double.isFinite(v[j])) throw new Main.UsageError(file + ":" + (i + 1) + ": " + f[j] + " is not finite", "activations are finite numbers");
            }
            if (!rows.isEmpty() && v.length != rows.get(0).length) {
                throw new Main.UsageError(file + ":" + (i + 1) + ": " + v.length + " values, the first token has " + rows.get(0).length,
                        "every token has the same number of activations");
            }
            rows.add(v);
        }
        if (rows.isEmpty()) throw new Main.UsageError("--activations " + file + ": no values", "one token per line, values separated by commas");
        return rows.toArray(double[][]::new);
    }

    /** The SAIL spec with its skip measured on a file of real activations, if one is given. */
    static SailSpec measuredOn(SailSpec s, java.nio.file.Path file) {
        if (file == null) return s;
        if (!Double.isNaN(s.get("pattern_skip"))) throw new Main.UsageError("--activations and --pattern-skip both set the skip", "give one of them");
        double[][] x = activations(file);
        double skip = SailModel.measureSkip(x, (int) s.get("activation_bits"), (int) s.get("group"));
        if (skip >= 1) throw new Main.UsageError("--activations " + file + ": every bit-plane index is zero (all activations 0), nothing to look up",
                "give real activations, or --pattern-skip F");
        return s.with("pattern_skip", skip);
    }

    static SailSpec sail(SailSpec s, Double patternSkip) {
        if (patternSkip == null) return s;
        try {
            return s.with("pattern_skip", patternSkip);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--pattern-skip " + patternSkip + ": must be in [0, 1)", "write --pattern-skip 0.138");
        }
    }

    static int run(SimulateCommand c) {
        if (c.rows != null || c.cols != null || c.dataflow != null) {
            throw new Main.UsageError("--rows, --cols and --dataflow apply to systolic arrays", "the LUT units are sized by --units and --array-multiple");
        }
        Object unit = LutUnitFactory.resolve(c.arch);
        if (!(unit instanceof SailSpec) && (c.patternSkip != null || c.activations != null)) {
            throw new Main.UsageError("--pattern-skip and --activations apply to sail", "drop them for " + c.arch);
        }
        Gemm g = c.workload.gemm != null ? SimulateCommand.gemm(c.workload.gemm) : SimulateCommand.conv(c.workload.conv);
        int w = weightBits(c.wBit, unit instanceof LutGpuSpec gs && gs.kind() == LutGpuSpec.Kind.MAC && !"int8".equalsIgnoreCase(c.aType) ? 16 : unit instanceof SailSpec ? 16 : 8);
        boolean cycle = c.fidelity == SimulateCommand.Fid.cycle;
        Result r;
        String kind;
        Map<String, String> assumptions;
        ObjectNode extra = CascadeCommand.JSON.createObjectNode();
        AType a;
        double clock;
        if (unit instanceof SailSpec s0) {
            if (c.units != null || c.arrayMultiple != null || c.precompute != null || c.tableInt8) {
                throw new Main.UsageError("--units, --array-multiple, --precompute and --table-int8 apply to the GPU presets", "SAIL's parameters are set in a YAML (docs/lut.md)");
            }
            a = aType(c.aType, AType.INT8);   // FP activations are converted to integers in memory first
            SailSpec s = measuredOn(sail(s0, c.patternSkip), c.activations);
            SailModel m = new SailModel(s);
            double measured = Double.isNaN(s.get("pattern_skip"))
                    ? SailModel.measureSkip(SailModel.syntheticActivations((int) Math.min(g.m(), 64), (int) Math.min(g.k(), 4096), c.seed),
                    (int) s.get("activation_bits"), (int) s.get("group")) : Double.NaN;
            double skip = m.skip(measured);
            boolean fp = a != AType.INT8;
            r = cycle ? m.cycle(g.m(), g.n(), g.k(), w, skip, fp) : m.analytic(g.m(), g.n(), g.k(), w, skip, fp);
            kind = "sail";
            assumptions = s.assumptions();
            clock = s.get("pim_clock_ghz");
            extra.put("pattern_skip", skip);
            extra.put("pattern_skip_source", c.activations != null ? "measured on " + c.activations
                    : Double.isNaN(measured) ? "given" : "measured (seeded synthetic activations, seed " + c.seed + ")");
            double cpu = m.cpuSeconds(g.m(), g.n(), g.k(), w);
            extra.put("cpu_seconds", cpu);
            extra.put("speedup_vs_cpu", cpu / r.seconds());
        } else {
            LutGpuSpec spec = gpu((LutGpuSpec) unit, c.units, c.arrayMultiple, c.precompute, c.tableInt8);
            a = aType(c.aType, AType.FP16);
            LutGpu gpu = new LutGpu(spec);
            try {
                r = cycle ? gpu.cycle(g.m(), g.n(), g.k(), w, a) : gpu.analytic(g.m(), g.n(), g.k(), w, a);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError(e.getMessage(), "see einsim simulate --help");
            }
            kind = spec.kind() == LutGpuSpec.Kind.LUT ? "lut-tensor-core" : "mac-tensor-core";
            assumptions = spec.assumptions();
            clock = spec.clockGhz();
            extra.put("units", spec.units());
            extra.put("array_multiple", spec.arrayMultiple());
            var u = gpu.unit(w, a);
            extra.put("unit_area_um2", u.areaUm2() * spec.arrayMultiple());
            extra.put("unit_power_mw_at_1ghz", u.powerMw() * spec.arrayMultiple());
            extra.put("peak_tops", 2 * gpu.smMacsPerCycle(w, a) * spec.sms() * clock / 1e3);
        }
        PrintWriter out = c.spec.commandLine().getOut();
        if (c.format == SimulateCommand.Format.json) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("arch", c.arch);
            o.put("unit", kind);
            ObjectNode gm = o.putObject("gemm");
            gm.put("m", g.m());
            gm.put("n", g.n());
            gm.put("k", g.k());
            o.put("w_bit", w);
            o.put("a_type", a.name().toLowerCase(Locale.ROOT));
            o.put("fidelity", r.fidelity().name().toLowerCase(Locale.ROOT));
            o.put("total_cycles", r.cycles());
            o.put("clock_ghz", clock);
            o.put("seconds", r.seconds());
            o.put("compute_cycles", r.computeCycles());
            o.put("stall_cycles", r.stallCycles());
            o.put("utilization", r.utilization());
            o.put("energy_pj", r.energyPj());
            ObjectNode e = o.putObject("energy_pj_by_action");
            r.energyPjByAction().forEach(e::put);
            o.put("area_um2", r.areaUm2());
            ObjectNode rd = o.putObject("bytes_read");
            r.readsWords().forEach(rd::put);
            o.setAll(extra);
            ObjectNode as = o.putObject("assumptions");
            assumptions.forEach(as::put);
            o.set("warnings", CascadeCommand.JSON.valueToTree(r.warnings()));
            out.println(CascadeCommand.json(o));
            return Main.OK;
        }
        out.printf(Locale.ROOT, "%s (%s): GEMM M=%d N=%d K=%d, W_INT%d x A_%s (%s)%n", c.arch, kind, g.m(), g.n(), g.k(), w,
                a.name(), r.fidelity().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "cycles: %,d (compute %,d, stalls %,d) = %.4g s at %.3g GHz; utilization %.1f%%%n", r.cycles(),
                r.computeCycles(), r.stallCycles(), r.seconds(), clock, 100 * r.utilization());
        out.printf(Locale.ROOT, "energy %.4g pJ %s; area %.4g mm2%n", r.energyPj(), r.energyPjByAction(), r.areaUm2() / 1e6);
        extra.fields().forEachRemaining(x -> out.printf(Locale.ROOT, "%s: %s%n", x.getKey(), x.getValue().asText()));
        for (String wn : r.warnings()) out.println("warning: " + wn);
        out.println("assumptions:");
        assumptions.forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, v));
        return Main.OK;
    }
}
