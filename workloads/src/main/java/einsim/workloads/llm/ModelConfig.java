package einsim.workloads.llm;

/**
 * The architecture numbers of a transformer, read from a Hugging Face {@code config.json}. Sizes are in elements;
 * {@code long} so products never overflow.
 *
 * @param headDim          per-head width (Q, K and V)
 * @param gatedMlp         SwiGLU-style MLP with gate, up and down projections (else up and down only)
 * @param layerNorm        LayerNorm (weight and bias) rather than RMSNorm (weight only)
 * @param linearBias       every linear layer has a bias
 * @param qkvBias          q, k and v projections have a bias (Qwen2)
 * @param numExperts       MoE experts per layer (0 for a dense MLP)
 * @param expertsPerToken  experts each token is routed to (top-k)
 * @param encoderOnly      BERT or T5's encoder: no decode stage
 * @param parallelBlock    attention and MLP read the same normalised input (Phi): one norm per block
 */
public record ModelConfig(String id, Family family, long hiddenSize, long numHeads, long numKvHeads, long headDim,
                          long intermediateSize, long numLayers, long vocabSize, long maxPositions, String activation,
                          boolean gatedMlp, boolean layerNorm, boolean linearBias, boolean qkvBias,
                          boolean tiedEmbeddings, long numExperts, long expertsPerToken, boolean encoderOnly,
                          boolean parallelBlock) {

    /** Width of all K (or V) heads together: Hkv · d. */
    public long kvDim() { return numKvHeads * headDim; }

    /** Width of all query heads together: H · d (equals the hidden size except for T5-style models). */
    public long qDim() { return numHeads * headDim; }

    public boolean isMoe() { return numExperts > 0; }

    public boolean usesGqa() { return numKvHeads != numHeads; }
}
