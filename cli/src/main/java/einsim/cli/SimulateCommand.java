package einsim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.compute.systolic.Gemm;
import einsim.arch.compute.systolic.SystolicArray;
import einsim.arch.compute.systolic.SystolicArrayFactory;
import einsim.arch.compute.systolic.SystolicArraySpec;
import einsim.sim.Result;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code einsim simulate}: one GEMM or convolution on a systolic array, analytic or cycle-level. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run a GEMM or a convolution on a systolic array: einsim's own model, with SCALE-Sim's bugs "
                + "corrected (docs/systolic.md).", "Presets: tpu-v1, scalesim-google, scalesim-scale; or an arch YAML.",
                "LUT units (docs/lut.md): lut-tensor-core, mac-tensor-core (A100-like GPUs), sail (SRAM-PIM in a CPU's LLC), with --w-bit and --a-type."},
        footer = {"", "Examples:", "  einsim simulate --arch tpu-v1 --gemm 1024,1024,1024",
                "  einsim simulate --arch scalesim-scale --conv 56,56,3,3,64,64,1 --fidelity cycle --format json",
                "  einsim simulate --arch lut-tensor-core --gemm 2048,27648,5120 --w-bit 2 --a-type int8 --array-multiple 4"})
final class SimulateCommand implements Callable<Integer> {
    enum Fid { analytic, cycle }

    enum Format { text, json }

    static final class Workload {
        @Option(names = "--gemm", paramLabel = "M,N,K", description = "Z[M×N] = A[M×K] · B[K×N]") String gemm;
        @Option(names = "--conv", paramLabel = "H,W,R,S,C,N,STRIDE", description = "a convolution, no padding") String conv;
    }

    @Spec
    CommandSpec spec;
    @Option(names = "--arch", required = true, paramLabel = "PRESET|ARCH.yaml") String arch;
    @ArgGroup(exclusive = true, multiplicity = "1") Workload workload;
    @Option(names = "--rows", description = "override the array's PE rows") Integer rows;
    @Option(names = "--cols", description = "override the array's PE columns") Integer cols;
    @Option(names = "--dataflow", description = "override the dataflow: os, ws or is") String dataflow;
    @Option(names = "--fidelity", description = "analytic or cycle (default: ${DEFAULT-VALUE})") Fid fidelity = Fid.analytic;
    @Option(names = "--w-bit", paramLabel = "B", description = "LUT units: weight bits, 1 to 8 (MAC with FP activations and SAIL: up to 16)") Integer wBit;
    @Option(names = "--a-type", paramLabel = "T", description = "LUT units: activations int8, fp8 or fp16 (default fp16; SAIL: int8)") String aType;
    @Option(names = "--units", paramLabel = "N", description = "GPU presets: tensor units in all (default 108 SMs x 4)") Integer units;
    @Option(names = "--array-multiple", paramLabel = "K", description = "GPU presets: tensor-unit size as a multiple of the A100 FP16 array") Integer arrayMultiple;
    @Option(names = "--precompute", paramLabel = "MODE", description = "lut-tensor-core: fused or separate table precompute") String precompute;
    @Option(names = "--table-int8", description = "lut-tensor-core: INT8-quantized tables") boolean tableInt8;
    @Option(names = "--pattern-skip", paramLabel = "F", description = "sail: fraction of lookups skipped (default: measured)") Double patternSkip;
    @Option(names = "--activations", paramLabel = "FILE", description = "sail: measure the skip on these activations (one token per line)") java.nio.file.Path activations;
    @Option(names = "--seed", paramLabel = "S", description = "sail: seed of the synthetic activations the skip is measured on (default: ${DEFAULT-VALUE})") long seed = 1;
    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})") Format format = Format.text;

    @Override
    public Integer call() {
        if (einsim.arch.lut.LutUnitFactory.handles(arch)) return LutSimulate.run(this);
        for (Object o : new Object[]{wBit, aType, units, arrayMultiple, precompute, patternSkip, activations, tableInt8 ? true : null}) {
            if (o != null) throw new Main.UsageError("--w-bit, --a-type, --units, --array-multiple, --precompute, --table-int8, --pattern-skip "
                    + "and --activations apply to the LUT units only", "use --arch lut-tensor-core, mac-tensor-core or sail");
        }
        SystolicArraySpec s = SystolicArrayFactory.resolve(arch);
        if (rows != null || cols != null || dataflow != null) {
            einsim.arch.compute.systolic.Dataflow df = dataflow == null ? s.dataflow()
                    : einsim.arch.compute.systolic.Dataflow.parse(dataflow);
            if (df == null) throw new Main.UsageError("--dataflow " + dataflow + ": must be os, ws or is", "write --dataflow ws");
            int r = rows == null ? s.rows() : rows;
            int c = cols == null ? s.cols() : cols;
            if (r < 1 || c < 1) throw new Main.UsageError("--rows/--cols: an array needs at least 1 x 1 PEs", "write --rows 32");
            s = new SystolicArraySpec(s.name(), r, c, df, s.ifmapSramWords(), s.filterSramWords(), s.ofmapSramWords(),
                    s.ifmapOffset(), s.filterOffset(), s.ofmapOffset(), s.userBandwidth(), s.bandwidthWordsPerCycle(),
                    s.clockGhz(), s.wordBytes(), s.energyPjPerAction(), s.provenance(), s.areaUm2());
        }
        Gemm g = workload.gemm != null ? gemm(workload.gemm) : conv(workload.conv);
        SystolicArray a = SystolicArrayFactory.create(s);
        Result r = fidelity == Fid.cycle ? a.cycle(g) : a.analytic(g);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("arch", s.name());
            o.put("rows", s.rows());
            o.put("cols", s.cols());
            o.put("dataflow", s.dataflow().key());
            ObjectNode gm = o.putObject("gemm");
            gm.put("m", g.m());
            gm.put("n", g.n());
            gm.put("k", g.k());
            o.put("fidelity", r.fidelity().name().toLowerCase(Locale.ROOT));
            o.put("total_cycles", r.cycles());
            o.put("stall_cycles", r.stallCycles());
            o.put("compute_cycles", r.computeCycles());
            o.put("seconds", r.seconds());
            o.put("utilization", r.utilization());
            o.put("mapping_efficiency", r.mappingEfficiency());
            for (String kind : new String[]{"sram", "dram"}) {
                ObjectNode rd = o.putObject(kind + "_reads");
                ObjectNode wr = o.putObject(kind + "_writes");
                for (String op : new String[]{"ifmap", "filter", "ofmap"}) {
                    rd.put(op, r.readsWords().getOrDefault(kind + "." + op, 0L));
                    wr.put(op, r.writesWords().getOrDefault(kind + "." + op, 0L));
                }
            }
            o.put("energy_pj", r.energyPj());
            if (Double.isFinite(r.areaUm2())) o.put("area_um2", r.areaUm2());
            ObjectNode e = o.putObject("energy_pj_by_action");
            r.energyPjByAction().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(x -> e.put(x.getKey(), x.getValue()));
            o.put("provenance", s.provenance().toString());
            o.set("warnings", CascadeCommand.JSON.valueToTree(r.warnings()));
            out.println(CascadeCommand.json(o));
            return Main.OK;
        }
        out.printf(Locale.ROOT, "%s: %dx%d %s array, GEMM M=%d N=%d K=%d (%s)%n", s.name(), s.rows(), s.cols(),
                s.dataflow().key(), g.m(), g.n(), g.k(), r.fidelity().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "cycles: %,d (compute %,d, stalls %,d), %.4g s at %.3g GHz%n", r.cycles(), r.computeCycles(),
                r.stallCycles(), r.seconds(), s.clockGhz());
        out.printf(Locale.ROOT, "utilization %.2f%%, mapping efficiency %.2f%%%n", 100 * r.utilization(), 100 * r.mappingEfficiency());
        out.printf(Locale.ROOT, "SRAM reads ifmap %,d, filter %,d, psum %,d; writes %,d (words)%n", r.readsWords().get("sram.ifmap"),
                r.readsWords().get("sram.filter"), r.readsWords().get("sram.ofmap"), r.writesWords().get("sram.ofmap"));
        out.printf(Locale.ROOT, "DRAM reads ifmap %,d, filter %,d, psum %,d; writes %,d (words)%n", r.readsWords().get("dram.ifmap"),
                r.readsWords().get("dram.filter"), r.readsWords().get("dram.ofmap"), r.writesWords().get("dram.ofmap"));
        out.printf(Locale.ROOT, "energy %.4g pJ%n", r.energyPj());
        return Main.OK;
    }

    private static long[] ints(String text, int n, String opt, String example) {
        String[] p = text.split(",");
        if (p.length != n) throw new Main.UsageError(opt + " " + text + ": expected " + n + " comma-separated sizes", "write " + opt + " " + example);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                v[i] = Long.parseLong(p[i].trim());
            } catch (NumberFormatException e) {
                throw new Main.UsageError(opt + ": '" + p[i].trim() + "' is not a whole number", "write " + opt + " " + example);
            }
            if (v[i] < 1) throw new Main.UsageError(opt + ": " + v[i] + " must be at least 1", "sizes are positive");
        }
        return v;
    }

    static Gemm gemm(String text) {
        long[] v = ints(text, 3, "--gemm", "1024,1024,1024");
        return new Gemm(v[0], v[1], v[2]);
    }

    static Gemm conv(String text) {
        long[] v = ints(text, 7, "--conv", "56,56,3,3,64,64,1");
        if (v[2] > v[0] || v[3] > v[1]) throw new Main.UsageError("--conv: the filter " + v[2] + "x" + v[3]
                + " is larger than the input " + v[0] + "x" + v[1], "the order is H,W,R,S,C,N,STRIDE");
        return Gemm.ofConv(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
