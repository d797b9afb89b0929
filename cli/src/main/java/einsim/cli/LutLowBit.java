package einsim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.LutGpuSpec;
import einsim.arch.sail.SailSpec;
import einsim.mappers.lut.LutLlm;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;

import java.io.PrintWriter;
import java.util.Locale;

/** {@code einsim lowbit --accelerator lut-tensor-core|mac-tensor-core|sail}: a whole LLM step on a LUT unit. */
final class LutLowBit {
    private LutLowBit() {}

    static boolean prefill(String stage) {
        return switch (stage.toLowerCase(Locale.ROOT)) {
            case "prefill" -> true;
            case "decode" -> false;
            default -> throw new Main.UsageError("--stage " + stage + ": must be prefill or decode", "write --stage decode");
        };
    }

    static int wholeBits(Double w, int max) {
        if (w == null) throw new Main.UsageError("the LUT units need --w-bit (whole weight bits, 1 to " + max + ")", "write --w-bit 4");
        if (w != Math.rint(w) || w < 1 || w > max) throw new Main.UsageError("--w-bit " + w + ": must be a whole number from 1 to " + max, "write --w-bit 4");
        return (int) Math.rint(w);
    }

    static int run(LowBitCommand c) throws Exception {
        String acc = c.accelerator.toLowerCase(Locale.ROOT);
        boolean pre = prefill(c.stage);
        if (c.context < 1) throw new Main.UsageError("--context " + c.context + ": must be at least 1", "write --context 256");
        if (c.batch < 1) throw new Main.UsageError("--batch " + c.batch + ": must be at least 1", "write --batch 1");
        int w = wholeBits(c.wBit, acc.equals("lut-tensor-core") || (acc.equals("mac-tensor-core") && "int8".equalsIgnoreCase(c.aType)) ? 8 : 16);
        ModelConfig m = ModelZoo.resolve(c.model);
        LutLlm.Report r;
        LutLlm.Report cpu = null;
        LutLlm.Report gpu = null;
        double clock;
        if (acc.equals("sail")) {
            if (c.aType != null || c.arrayMultiple != null) throw new Main.UsageError("--a-type and --array-multiple apply to the GPU presets", "drop them for sail");
            SailSpec s = LutSimulate.measuredOn(LutSimulate.sail(SailSpec.preset(), c.patternSkip), c.activations);
            r = LutLlm.sail(s, m, pre, c.context, c.batch, w, c.seed);
            cpu = LutLlm.cpu(s, m, pre, c.context, c.batch, w);
            gpu = LutLlm.v100(s, m, pre, c.context, c.batch);
            clock = s.get("pim_clock_ghz");
        } else {
            if (c.patternSkip != null || c.activations != null) throw new Main.UsageError("--pattern-skip and --activations apply to sail", "drop them for " + acc);
            LutGpuSpec g = LutSimulate.gpu(LutGpuSpec.preset(acc), null, c.arrayMultiple, null, false);
            AType a = LutSimulate.aType(c.aType, AType.FP16);
            r = LutLlm.gpu(g, m, pre, c.context, c.batch, w, a);
            clock = g.clockGhz();
        }
        PrintWriter out = c.spec.commandLine().getOut();
        if (c.format.equals("json")) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("accelerator", acc);
            o.put("model", m.id());
            o.put("stage", pre ? "prefill" : "decode");
            o.put("context", c.context);
            o.put("batch", c.batch);
            o.put("weight_bits", w);
            o.put("a_type", r.aType().name().toLowerCase(Locale.ROOT));
            o.put("latency_s", r.seconds());
            o.put("total_cycles", Math.round(r.seconds() * clock * 1e9));
            o.put("clock_ghz", clock);
            o.put("tokens", r.tokens());
            o.put("tokens_per_s", r.tokensPerS());
            if (!Double.isNaN(r.energyPj())) o.put("energy_pj", r.energyPj());
            if (cpu != null) {
                o.put("pattern_skip", r.patternSkip());
                o.put("dollars_per_hour", r.dollarsPerHour());
                o.put("tokens_per_dollar", r.tokensPerDollar());
                ObjectNode b = o.putObject("baselines");
                for (LutLlm.Report x : new LutLlm.Report[]{cpu, gpu}) {
                    ObjectNode bb = b.putObject(x == cpu ? "cpu" : "v100");
                    bb.put("unit", x.unit());
                    bb.put("tokens_per_s", x.tokensPerS());
                    bb.put("tokens_per_dollar", x.tokensPerDollar());
                    bb.put("speedup", r.tokensPerS() / x.tokensPerS());
                    bb.put("tokens_per_dollar_ratio", r.tokensPerDollar() / x.tokensPerDollar());
                }
            }
            ArrayNode ls = o.putArray("layers");
            for (LutLlm.Layer l : r.layers()) {
                ls.addObject().put("name", l.name()).put("m", l.m()).put("n", l.n()).put("k", l.k()).put("repeat", l.repeat())
                        .put("seconds", l.seconds());
            }
            ObjectNode as = o.putObject("assumptions");
            r.assumptions().forEach(as::put);
            out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "%s on %s, %s, context %d, batch %d, W_INT%d x A_%s%n", m.id(), acc, pre ? "prefill" : "decode",
                c.context, c.batch, w, r.aType().name());
        out.printf(Locale.ROOT, "%-12s %8s %8s %8s %6s %12s%n", "layer", "M", "N", "K", "times", "seconds");
        for (LutLlm.Layer l : r.layers()) {
            out.printf(Locale.ROOT, "%-12s %8d %8d %8d %6d %12.4g%n", l.name(), l.m(), l.n(), l.k(), l.repeat(), l.seconds());
        }
        out.printf(Locale.ROOT, "step %.4g s, %.4g tokens/s%s%n", r.seconds(), r.tokensPerS(),
                Double.isNaN(r.energyPj()) ? "" : String.format(Locale.ROOT, ", energy %.4g J", r.energyPj() * 1e-12));
        if (cpu != null) {
            out.printf(Locale.ROOT, "tokens per dollar %.4g (at $%.4g/h); pattern skip %.3f%n", r.tokensPerDollar(), r.dollarsPerHour(), r.patternSkip());
            for (LutLlm.Report x : new LutLlm.Report[]{cpu, gpu}) {
                out.printf(Locale.ROOT, "vs %s: %.4g tokens/s, speedup %.3gx, tokens per dollar %.3gx%n", x.unit(), x.tokensPerS(),
                        r.tokensPerS() / x.tokensPerS(), r.tokensPerDollar() / x.tokensPerDollar());
            }
        }
        out.println("assumptions:");
        r.assumptions().forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, v));
        out.flush();
        return 0;
    }
}
