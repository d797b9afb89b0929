package einsim.workloads.llm;

/** What an LLM operator computes; decides its Einsum and which operands set its precision. */
public enum OpKind {
    LINEAR, QK_MATMUL, SV_MATMUL, SOFTMAX, FUSED_ATTENTION, NORM, ADD, ACT, LM_HEAD, EMBEDDING, KV_REMAT, ALL_REDUCE
}
