package einsim.workloads.llm;

import java.util.EnumSet;
import java.util.Set;

/**
 * How to run a model: batch, operand bit widths, attention kernel, tensor parallelism, KV-cache scheme, and which
 * corrections of LLM-Viewer's method apply ({@link Fix}; none in compatibility mode).
 *
 * @param kvBits        KV-cache element width
 * @param causal        causal masking (only with {@link Fix#Q6_CAUSAL})
 * @param xquant        cache the block input X instead of K and V, rematerialise K and V each decode step
 * @param xBits         element width of the cached X (XQuant)
 * @param xRank         cached width of X per token for each of K and V under GQA (0: the K/V width; XQuant §12.3)
 * @param actOps        operations per activation element (NaN: the activation's own count)
 * @param lmHeadAllPositions compute logits for every prompt position in prefill (else the last one only)
 */
public record LlmOptions(long batch, int wBits, int aBits, int kvBits, boolean flashAttention, boolean causal, int tp,
                         boolean xquant, int xBits, long xRank, double actOps, boolean lmHeadAllPositions,
                         Set<Fix> fixes) {
    public LlmOptions {
        fixes = fixes.isEmpty() ? EnumSet.noneOf(Fix.class) : EnumSet.copyOf(fixes);
        if (batch < 1) throw new WorkloadException("batch = " + batch + ": must be a positive whole number", "use --batch 1");
        checkBits("w-bit", wBits);
        checkBits("a-bit", aBits);
        checkBits("kv-bit", kvBits);
        if (xquant) checkBits("x-bit", xBits);
        if (tp < 1) throw new WorkloadException("tensor-parallel size = " + tp + ": must be at least 1", "use --tp 1");
    }

    private static void checkBits(String what, int bits) {
        if (bits < 1 || bits > 32) {
            throw new WorkloadException("--" + what + " " + bits + ": a bit width must be 1..32", "use 16, 8 or 4");
        }
    }

    /** LLM-Viewer's defaults: everything off. */
    public static LlmOptions llmViewer(long batch, int w, int a, int kv, boolean flash, int tp) {
        return new LlmOptions(batch, w, a, kv, flash, false, tp, false, kv, 0, Double.NaN, false, EnumSet.noneOf(Fix.class));
    }

    /** einsim's defaults: every fix on, causal masking on. */
    public static LlmOptions corrected(long batch, int w, int a, int kv, boolean flash, int tp) {
        return new LlmOptions(batch, w, a, kv, flash, true, tp, false, kv, 0, Double.NaN, false, EnumSet.allOf(Fix.class));
    }

    public boolean has(Fix f) { return fixes.contains(f); }

    public boolean isCompat() { return fixes.isEmpty(); }

    public double weightBytes() { return wBits / 8.0; }

    public double actBytes() { return aBits / 8.0; }

    public double kvBytes() { return kvBits / 8.0; }
}
