package einsim.workloads.llm;

/**
 * The corrections einsim applies to LLM-Viewer's method (LLM roofline brief §9). {@code --compat llm-viewer} turns
 * every one off and reproduces LLM-Viewer df2cba9 exactly; the default turns all on.
 */
public enum Fix {
    /** Q1: prefill qk_matmul loads Q with all H heads (LLM-Viewer uses the KV head count). */
    Q1_QUERY_HEADS("prefill qk_matmul loads Q with H heads, not Hkv"),
    /** Q2: mlp_act is sized by the intermediate size I, at a per-activation op count. */
    Q2_ACT_SIZE("mlp_act sized by the intermediate size, with the activation's op count"),
    /** Q3: lm_head counts 2 OPs per MAC. */
    Q3_LM_HEAD_OPS("lm_head counts 2 OPs per MAC"),
    /** Q4: lm_head activations scale with the batch. */
    Q4_LM_HEAD_BATCH("lm_head activations scale with the batch"),
    /** Q6: causal masking: a prefill attends over S(S+1)/2 scores. */
    Q6_CAUSAL("causal masking halves prefill attention work"),
    /** Q7: decode attends over the cache after the new token is appended (S+1). */
    Q7_DECODE_APPENDS("decode attends over S+1 tokens, the cache after the append"),
    /** Q8: fused attention stores O once. */
    Q8_FA_STORE_ONCE("fused_attention stores O once"),
    /** Q9: residual adds load both operands. */
    Q9_ADD_LOADS_BOTH("residual adds load both operands"),
    /** Q10: memory adds lm_head and embedding weights, uses the activation liveness peak, and checks the fit. */
    Q10_MEMORY("memory counts lm_head and embedding weights and the activation liveness peak"),
    /** Q12: tensor parallelism shards heads and costs two all-reduces per block. */
    Q12_TENSOR_PARALLEL("tensor parallelism shards heads and costs the all-reduces"),
    /** Q13: each op runs at the peak of its own operands' precision (FP8 and FP4 tiers included). */
    Q13_PRECISION_PEAKS("each op runs at the peak of its own operand precision"),
    /** Q15: an op that moves no bytes takes OPs / peak instead of dividing by zero. */
    Q15_ZERO_BYTES("an op that moves no bytes is compute-bound"),
    /** The real block of each family: two MLP linears for OPT, biases, norm weights, embedding and final norm, MoE. */
    ARCHITECTURE("each family's real block: MLP shape, biases, norm weights, embedding, final norm, experts");

    private final String description;

    Fix(String description) { this.description = description; }

    public String description() { return description; }
}
