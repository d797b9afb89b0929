package einsim.cli;

import einsim.arch.device.Device;
import einsim.arch.device.DeviceCatalog;
import einsim.reports.roofline.RooflineAnalyzer;
import einsim.reports.roofline.RooflineChart;
import einsim.reports.roofline.RooflineResult;
import einsim.reports.roofline.RooflineWriter;
import einsim.reports.roofline.Stage;
import einsim.workloads.llm.Fix;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code einsim roofline}: how long an LLM takes on a device, and what bounds each operator. */
@Command(name = "roofline", mixinStandardHelpOptions = true,
        description = {"Roofline analysis of an LLM on a device, per operator and in total, in the manner of LLM-Viewer.",
                "Default: einsim's corrected method; --compat llm-viewer reproduces LLM-Viewer df2cba9 exactly."},
        footer = {"", "Examples:",
                "  einsim roofline --model meta-llama/Llama-2-7b-hf --hardware nvidia_A100_80G --stage decode --seqlen 1024",
                "  einsim roofline --model meta-llama/Llama-2-70b-hf --hardware nvidia_H100 --stage prefill --seqlen 4096 "
                        + "--flash-attention --tp 8",
                "  einsim roofline --model meta-llama/Llama-2-7b-hf --hardware nvidia_A100_80G --stage generate "
                        + "--prompt-len 1024 --gen-len 128 --compat llm-viewer",
                "  einsim roofline --model mistralai/Mistral-7B-v0.1 --hardware nvidia_H100 --seqlen 32768 --kv-cache xquant "
                        + "--x-bit 4 --plot roofline.png",
                "", "Hardware keys: " + "see einsim roofline --list-hardware; models: --list-models."})
final class RooflineCommand implements Callable<Integer> {
    enum StageArg { prefill, decode, generate }

    enum Format { text, json, csv, markdown }

    enum KvCache { kv, xquant }

    @Spec
    CommandSpec spec;
    @Option(names = "--model", paramLabel = "ID|config.json", description = "a bundled Hugging Face id or a config.json path")
    String model;
    @Option(names = "--hardware", paramLabel = "KEY|device.yaml", description = "a catalog key or a device YAML file")
    String hardware;
    @Option(names = "--stage", description = "prefill, decode or generate (default: ${DEFAULT-VALUE})")
    StageArg stage = StageArg.decode;
    @Option(names = "--batch", description = "sequences per step (default: ${DEFAULT-VALUE})")
    long batch = 1;
    @Option(names = "--seqlen", description = "prompt length (prefill) or tokens already cached (decode)")
    Long seqlen;
    @Option(names = "--prompt-len", description = "generate: prompt tokens")
    Long promptLen;
    @Option(names = "--gen-len", description = "generate: tokens to generate")
    Long genLen;
    @Option(names = "--w-bit", description = "weight bits (default: ${DEFAULT-VALUE})")
    int wBit = 16;
    @Option(names = "--a-bit", description = "activation bits (default: ${DEFAULT-VALUE})")
    int aBit = 16;
    @Option(names = "--kv-bit", description = "KV-cache bits (default: the activation bits)")
    Integer kvBit;
    @Option(names = "--flash-attention", description = "fuse attention (FlashAttention)")
    boolean flash;
    @Option(names = "--no-causal", description = "count every score of a prefill, as if unmasked")
    boolean noCausal;
    @Option(names = "--tp", description = "tensor-parallel devices (default: ${DEFAULT-VALUE})")
    int tp = 1;
    @Option(names = "--kv-cache", description = "kv, or xquant: cache the block input X and rematerialise K and V "
            + "(default: ${DEFAULT-VALUE})")
    KvCache kvCache = KvCache.kv;
    @Option(names = "--x-bit", description = "XQuant: bits of the cached X (default: ${DEFAULT-VALUE})")
    int xBit = 4;
    @Option(names = "--x-rank", description = "XQuant under GQA: cached width per K and V (default: the K/V width)")
    long xRank = 0;
    @Option(names = "--act-ops", description = "operations per MLP activation element (default: the activation's own)")
    Double actOps;
    @Option(names = "--lm-head-all-positions", description = "prefill computes logits for every prompt position")
    boolean lmHeadAll;
    @Option(names = "--compat", paramLabel = "llm-viewer", description = "reproduce a reference tool exactly: llm-viewer")
    String compat;
    @Option(names = "--keep-quirk", split = ",", paramLabel = "FIX", description = "corrected mode: leave these of "
            + "LLM-Viewer's behaviours uncorrected (names from --list-fixes, e.g. Q6_CAUSAL)")
    List<Fix> keep;
    @Option(names = "--format", description = "text, json, csv or markdown (default: ${DEFAULT-VALUE})")
    Format format = Format.text;
    @Option(names = "--einsum", description = "JSON: include each layer's Einsum in .ein notation")
    boolean einsum;
    @Option(names = "--plot", paramLabel = "FILE", description = "draw the roofline (.png or .svg) and, beside it, "
            + "decode time per token against context length (FILE-decode.png)")
    Path plot;
    @Option(names = "--list-hardware", description = "list the device catalog with provenance")
    boolean listHardware;
    @Option(names = "--list-models", description = "list the bundled models")
    boolean listModels;
    @Option(names = "--list-fixes", description = "list the corrections einsim makes to LLM-Viewer's method")
    boolean listFixes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (listHardware || listModels || listFixes) return list(out);
        if (model == null) throw new Main.UsageError("--model is required", "give a bundled id such as "
                + "meta-llama/Llama-2-7b-hf, or a path to a config.json");
        if (hardware == null) throw new Main.UsageError("--hardware is required", "give a catalog key such as "
                + "nvidia_A100_80G (see --list-hardware) or a device YAML file");
        boolean compatMode = false;
        if (compat != null) {
            if (!compat.equals("llm-viewer")) {
                throw new Main.UsageError("--compat " + compat + ": unknown reference tool", "use --compat llm-viewer");
            }
            compatMode = true;
            if (keep != null) throw new Main.UsageError("--keep-quirk needs the corrected mode", "drop --compat");
            if (noCausal || lmHeadAll || actOps != null || kvCache == KvCache.xquant) {
                throw new Main.UsageError("--compat llm-viewer reproduces LLM-Viewer as it is; --no-causal, "
                        + "--lm-head-all-positions, --act-ops and --kv-cache xquant are einsim's options",
                        "drop them, or drop --compat");
            }
        }
        ModelConfig m = ModelZoo.resolve(model);
        Device dev = DeviceCatalog.resolve(hardware);
        int kv = kvBit == null ? aBit : kvBit;
        EnumSet<Fix> fixes = compatMode ? EnumSet.noneOf(Fix.class) : EnumSet.allOf(Fix.class);
        if (keep != null) keep.forEach(fixes::remove);
        if (batch < 1) throw new Main.UsageError("--batch " + batch + ": must be a positive whole number", "use --batch 1");
        LlmOptions o = new LlmOptions(batch, wBit, aBit, kv, flash, !noCausal, tp, kvCache == KvCache.xquant, xBit, xRank,
                actOps == null ? Double.NaN : actOps, lmHeadAll, fixes);
        RooflineResult r;
        if (stage == StageArg.generate) {
            long p = promptLen != null ? promptLen : seqlenOr("--prompt-len");
            if (genLen == null) throw new Main.UsageError("--stage generate needs --gen-len", "add --gen-len 128");
            r = RooflineAnalyzer.generate(m, dev, o, p, genLen);
        } else {
            if (seqlen == null) throw new Main.UsageError("--stage " + stage + " needs --seqlen",
                    "add --seqlen 1024 (the prompt length, or the tokens already cached)");
            r = RooflineAnalyzer.analyze(m, dev, o, Stage.valueOf(stage.name().toUpperCase(Locale.ROOT)), seqlen);
        }
        switch (format) {
            case json: out.println(RooflineWriter.jsonText(r, einsum)); break;
            case csv: RooflineWriter.csv(r, out); break;
            case markdown: RooflineWriter.markdown(r, out); break;
            default: RooflineWriter.text(r, out); break;
        }
        if (plot != null) {
            RooflineChart.write(RooflineChart.roofline(r), plot);
            long max = Math.max(Math.max(r.seqlen() + r.genLen(), m.maxPositions()), 4096);
            RooflineChart.write(RooflineChart.decodeSweep(m, dev, o, Math.min(max, 1L << 20)), RooflineChart.decodeFile(plot));
            spec.commandLine().getErr().println("einsim: wrote " + plot + " and " + RooflineChart.decodeFile(plot));
        }
        return Main.OK;
    }

    private long seqlenOr(String what) {
        if (seqlen != null) return seqlen;
        throw new Main.UsageError("--stage generate needs " + what, "add --prompt-len 1024 --gen-len 128");
    }

    private int list(PrintWriter out) {
        if (listHardware) {
            for (Device d : DeviceCatalog.all().values()) {
                out.printf(Locale.ROOT, "%-22s %-44s %8.0f GB/s  FP16 %7.1f TOP/s  %s%n", d.key(), d.name(),
                        d.bandwidthBytesPerS() / 1e9, d.peakOpsPerS().get(einsim.arch.device.Precision.FP16) / 1e12,
                        d.provenance());
            }
        }
        if (listModels) {
            for (String id : ModelZoo.IDS) {
                ModelConfig c = ModelZoo.resolve(id);
                out.printf(Locale.ROOT, "%-30s %-8s h=%d heads=%d kv_heads=%d layers=%d inter=%d vocab=%d%s%n", id,
                        c.family().modelType(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.numLayers(),
                        c.intermediateSize(), c.vocabSize(), c.isMoe() ? " experts=" + c.numExperts() + " top" + c.expertsPerToken() : "");
            }
        }
        if (listFixes) {
            for (Fix f : Fix.values()) out.printf(Locale.ROOT, "%-22s %s%n", f.name(), f.description());
        }
        return Main.OK;
    }
}
