package einsim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.lowbit.LowBitAccelerator;
import einsim.mappers.lowbit.BitModEnergy;
import einsim.mappers.lowbit.BitModSim;
import einsim.mappers.lowbit.LowBitCompare;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim lowbit}: low-bit LLM accelerators (BitMoD, ANT, OliVe, FP16) layer by layer, and their comparison. */
@Command(name = "lowbit", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {LowBitCommand.Compare.class},
        description = {"Cycles and energy of a whole LLM (every linear layer, lm_head included, and the attention products) "
                + "on a low-bit accelerator as BitMoD's simulator models it: fp16, ant, olive, bitmod-lossless, bitmod-lossy. "
                + "--compat bitmod-sim reproduces the authors' simulator (version A, the paper's plots) exactly; "
                + "bitmod-sim-upstream the official HEAD (version B); the default corrects their quirks. See docs/lowbit.md."},
        footer = {"", "Examples:", "  einsim lowbit --accelerator bitmod-lossy --model meta-llama/Llama-2-7b-hf --stage decode",
                "  einsim lowbit --accelerator ant --model facebook/opt-1.3b --stage prefill --compat bitmod-sim --format json",
                "  einsim lowbit --accelerator sail --model meta-llama/Llama-2-7b-hf --stage decode --batch 16 --w-bit 4",
                "  einsim lowbit compare"})
final class LowBitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--accelerator", paramLabel = "ID", description = "fp16, ant, olive, bitmod-lossless, bitmod-lossy; or lut-tensor-core, mac-tensor-core, sail")
    String accelerator;
    @Option(names = "--model", paramLabel = "ID|config.json", description = "a bundled model id or a config.json")
    String model;
    @Option(names = "--stage", paramLabel = "S", description = "prefill or decode")
    String stage;
    @Option(names = "--context", paramLabel = "N", description = "prompt length in prefill, cached context in decode (default: ${DEFAULT-VALUE})")
    long context = 256;
    @Option(names = "--batch", paramLabel = "B", description = "(default: ${DEFAULT-VALUE})")
    long batch = 1;
    @Option(names = "--w-bit", paramLabel = "B", description = "weight bits (a multiple of 1/16); required for ant and olive outside BitMoD's six models")
    Double wBit;
    @Option(names = "--compat", paramLabel = "MODE", description = "bitmod-sim (version A) or bitmod-sim-upstream (version B)")
    String compat;
    @Option(names = "--a-type", paramLabel = "T", description = "LUT GPUs: activations int8, fp8 or fp16 (default fp16)")
    String aType;
    @Option(names = "--array-multiple", paramLabel = "K", description = "LUT GPUs: tensor-unit size as a multiple of the A100 FP16 array")
    Integer arrayMultiple;
    @Option(names = "--pattern-skip", paramLabel = "F", description = "sail: fraction of lookups skipped (default: measured)")
    Double patternSkip;
    @Option(names = "--activations", paramLabel = "FILE", description = "sail: measure the skip on these activations (one token per line)")
    java.nio.file.Path activations;
    @Option(names = "--seed", paramLabel = "S", description = "sail: seed of the synthetic activations (default: ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    static LowBitAccelerator accelerator(String id) {
        try {
            return LowBitAccelerator.of(id);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--accelerator " + id + ": " + e.getMessage(), "write --accelerator bitmod-lossy");
        }
    }

    static BitModSim.Mode mode(String compat) {
        try {
            return BitModSim.Mode.parse(compat);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--compat " + compat + ": " + e.getMessage(), "write --compat bitmod-sim");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (accelerator == null || model == null || stage == null) {
            throw new Main.UsageError("einsim lowbit needs --accelerator, --model and --stage (or the subcommand compare)",
                    "write einsim lowbit --accelerator bitmod-lossy --model facebook/opt-1.3b --stage decode");
        }
        Main.checkFormat(format);
        if (einsim.arch.lut.LutUnitFactory.TYPES.contains(accelerator.toLowerCase(Locale.ROOT))) {
            if (compat != null) throw new Main.UsageError("--compat applies to BitMoD's accelerators", "drop --compat");
            return LutLowBit.run(this);
        }
        if (aType != null || arrayMultiple != null || patternSkip != null || activations != null) {
            throw new Main.UsageError("--a-type, --array-multiple and --pattern-skip apply to lut-tensor-core, mac-tensor-core and sail",
                    "drop them for " + accelerator);
        }
        LowBitAccelerator a = accelerator(accelerator);
        BitModSim.Mode mode = mode(compat);
        boolean prefill = switch (stage.toLowerCase(Locale.ROOT)) {
            case "prefill" -> true;
            case "decode" -> false;
            default -> throw new Main.UsageError("--stage " + stage + ": must be prefill or decode", "write --stage decode");
        };
        if (context < 1) throw new Main.UsageError("--context " + context + ": must be at least 1", "write --context 256");
        if (batch < 1) throw new Main.UsageError("--batch " + batch + ": must be at least 1", "write --batch 1");
        if (wBit != null && !(wBit > 0)) throw new Main.UsageError("--w-bit " + wBit + ": must be > 0", "write --w-bit 4");
        ModelConfig m = ModelZoo.resolve(model);
        BitModSim.Report r;
        try {
            r = BitModSim.run(a, m, prefill, context, batch, wBit, mode);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage(), "see einsim lowbit --help");
        }
        BitModEnergy.Breakdown e = BitModEnergy.of(r, a);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("accelerator", a.name());
            o.put("model", m.id());
            o.put("stage", prefill ? "prefill" : "decode");
            o.put("context", context);
            o.put("batch", batch);
            o.put("compat", compat == null ? null : compat.toLowerCase(Locale.ROOT));
            o.put("weight_bits", r.weightBits());
            o.put("array", r.rows() + "x" + r.cols());
            o.put("total_cycles", r.totalCycles());
            o.put("latency_s", r.totalCycles() / 1e9);
            o.put("compute_cycles", r.computeCycles());
            o.put("energy_pj", e.totalPj());
            ObjectNode eb = o.putObject("energy_breakdown_pj");
            eb.put("compute", e.computePj());
            eb.put("sram", e.sramPj());
            eb.put("dram", e.dramPj());
            ArrayNode ls = o.putArray("layers");
            for (BitModSim.LayerCost c : r.layers()) {
                ls.addObject().put("name", c.name()).put("repeat", c.repeat()).put("tiles", c.tiles()).put("compute_cycles", c.computeCycles())
                        .put("dram_cycles", c.dramCycles()).put("cycles", c.cycles()).put("weight_bytes", c.weightBytes())
                        .put("input_bytes", c.inputBytes()).put("output_bytes", c.outputBytes()).put("refetch_weights", c.fW())
                        .put("refetch_inputs", c.fI());
            }
            out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s on %s, %s, context %d, batch %d, %s array, %.4f-bit weights%s%n", m.id(), a.name(),
                    prefill ? "prefill" : "decode", context, batch, r.rows() + "x" + r.cols(), r.weightBits(),
                    compat == null ? "" : " (" + compat + ")");
            out.printf(Locale.ROOT, "%-10s %6s %14s %14s %14s  %s%n", "layer", "times", "compute cyc", "DRAM cyc", "cycles", "refetch (W, I)");
            for (BitModSim.LayerCost c : r.layers()) {
                out.printf(Locale.ROOT, "%-10s %6d %,14d %,14d %,14d  (%d, %d)%n", c.name(), c.repeat(), c.computeCycles(), c.dramCycles(), c.cycles(),
                        c.fW(), c.fI());
            }
            out.printf(Locale.ROOT, "total %,d cycles = %.6g s at 1 GHz; energy %.6g uJ (compute %.6g, SRAM %.6g, DRAM %.6g)%n", r.totalCycles(),
                    r.totalCycles() / 1e9, e.totalPj() / 1e6, e.computePj() / 1e6, e.sramPj() / 1e6, e.dramPj() / 1e6);
        }
        out.flush();
        return 0;
    }

    /** {@code einsim lowbit compare}: BitMoD's Fig. 7/8 comparison and headline. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Speedup over FP16 and normalized energy of every accelerator per model and task (prefill of 256 "
                    + "tokens; prefill + 20 decoded tokens), the means over the models, and BitMoD's headline over ANT and OliVe."})
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--model", paramLabel = "ID,...", split = ",", description = "(default: BitMoD's six models)")
        List<String> models = LowBitAccelerator.STUDY_MODELS;
        @Option(names = "--compat", paramLabel = "MODE", description = "bitmod-sim or bitmod-sim-upstream (default: the corrected model)")
        String compat;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        String format = "text";

        @Override
        public Integer call() throws Exception {
            Main.checkFormat(format);
            BitModSim.Mode mode = mode(compat);
            for (String id : models) {
                if (!LowBitAccelerator.STUDY_MODELS.contains(id)) {
                    throw new Main.UsageError("--model " + id + ": ANT's and OliVe's precisions are profiled only for BitMoD's six models",
                            "use " + String.join(", ", LowBitAccelerator.STUDY_MODELS));
                }
            }
            LowBitCompare.Table t;
            try {
                t = LowBitCompare.run(models, mode);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError(e.getMessage(), "see einsim lowbit compare --help");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(t));
                out.flush();
                return 0;
            }
            out.println("Speedup over FP16 (cycles) and energy / FP16 energy, " + (compat == null ? "corrected model" : compat));
            for (String task : LowBitCompare.TASKS) {
                out.printf(Locale.ROOT, "%n%s (%s)%n", task, task.equals("discriminative") ? "prefill, 256 tokens" : "prefill + 20 x decode at 256");
                out.printf(Locale.ROOT, "%-28s", "model");
                for (String acc : LowBitAccelerator.NAMES) out.printf(Locale.ROOT, " %17s", acc);
                out.println();
                for (String id : t.models()) {
                    out.printf(Locale.ROOT, "%-28s", id);
                    for (String acc : LowBitAccelerator.NAMES) {
                        out.printf(Locale.ROOT, " %8.2fx / %5.2f", t.speedup().get(acc).get(task).get(id), t.energy().get(acc).get(task).get(id));
                    }
                    out.println();
                }
                out.printf(Locale.ROOT, "%-28s", "mean");
                for (String acc : LowBitAccelerator.NAMES) {
                    out.printf(Locale.ROOT, " %8.2fx / %5.2f", t.meanSpeedup().get(acc).get(task), t.meanEnergy().get(acc).get(task));
                }
                out.println();
            }
            out.println();
            for (Map.Entry<String, Double> h : t.headline().entrySet()) out.printf(Locale.ROOT, "%s: %.2fx%n", h.getKey(), h.getValue());
            out.flush();
            return 0;
        }
    }
}
