package einsim.workloads.llm;

import java.util.List;

/**
 * One operator of a transformer block (or of its head) at one stage: operations and bytes moved, for one block.
 *
 * @param repeat        how many times it counts in the network total (the number of blocks, or 1)
 * @param ops           operations (1 MAC = 2 OPs)
 * @param computeBits   widest operand that sets its peak tier
 * @param inputs        names of the ops whose outputs it reads (the block's DAG; "input" is the block input)
 * @param shape         the sizes its Einsum is written with
 */
public record LlmOp(String name, OpKind kind, long repeat, long ops, double loadWeightBytes, double loadActBytes,
                    double storeActBytes, double loadKvBytes, double storeKvBytes, int computeBits, List<String> inputs,
                    Shape shape) {

    /** Sizes of the operator's Einsum: batch, query tokens, context tokens, in/out features, heads, head width. */
    public record Shape(long batch, long tokens, long context, long in, long out, long kvHeads, long groupSize,
                        long headDim, long blockRows) {
        static Shape linear(long b, long t, long in, long out) { return new Shape(b, t, 0, in, out, 0, 0, 0, 0); }

        static Shape elementwise(long b, long t, long width) { return new Shape(b, t, 0, width, width, 0, 0, 0, 0); }
    }

    /** Bytes moved: weights + activations in and out + KV cache in and out, summed left to right (LLM-Viewer's order). */
    public double memoryAccessBytes() {
        return loadWeightBytes + loadActBytes + storeActBytes + loadKvBytes + storeKvBytes;
    }

    /** The operator as an extended Einsum cascade in .ein notation, with the sizes to analyse it at. */
    public String einsum() { return OpEinsums.text(this); }

    /** The rank sizes of {@link #einsum()}. */
    public java.util.Map<String, Long> einsumSizes() { return OpEinsums.sizes(this); }
}
