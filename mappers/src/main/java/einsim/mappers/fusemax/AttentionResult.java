package einsim.mappers.fusemax;

import java.util.Map;

/**
 * One design's attention (one encoder layer, all heads, the whole batch) on its architecture.
 *
 * @param computeCycles the binding's compute time in cycles (before any memory bound)
 * @param latencyS      max(compute, DRAM traffic / bandwidth), seconds
 * @param util2d        2-D array busy time / latency, 0–1
 * @param util1d        1-D array busy time / latency, 0–1
 * @param dramBytes     DRAM traffic in bytes; NaN where the reference has no closed form (FLAT at L ≤ 64K)
 * @param shares2d      per Einsum, 2-D busy time / latency (FuseMax Fig. 7)
 * @param p1            the P tile (queries per array row pass) the buffer allows, 0 where unused
 */
public record AttentionResult(AttentionDesign design, AttentionShape shape, long seqLen, long batch, double computeCycles,
                              double latencyS, double util2d, double util1d, double dramBytes, Map<String, Double> shares2d, long p1) {
    /** Latency in cycles of the clock. */
    public double cycles(FuseMaxArch arch) { return latencyS * arch.clockHz(); }
}
