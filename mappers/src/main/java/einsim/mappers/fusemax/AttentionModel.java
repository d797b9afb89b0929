package einsim.mappers.fusemax;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One design's attention as einsim reports it. With {@code compat} the FuseMax artifact's closed form exactly (brief
 * §10 and the left column of §13). Without it, the corrected model (right column of §13): FuseMax's and
 * +Architecture's cycles come from the cycle-level binding ({@link BindingSim}, quirk 7), sampled over whole P blocks
 * and extended by its steady state; +Cascade sizes its P tile for the buffer its hardware has (quirk 4) and counts
 * its exponent energy (quirk 3). Energy by {@link AttentionEnergy} in both modes.
 */
public final class AttentionModel {
    /**
     * @param timing "closed form" or "cycle-level (sampled N of M P blocks)"
     */
    public record Report(AttentionResult result, AttentionEnergy.Breakdown energy, String timing) {}

    private AttentionModel() {}

    public static Report evaluate(AttentionDesign design, AttentionShape s, long seqLen, long batch, FuseMaxArch arch, boolean compat) {
        AttentionResult r = AttentionClosedForm.evaluate(design, s, seqLen, batch, arch, compat);
        String timing = "closed form";
        if (!compat && (design == AttentionDesign.FUSEMAX || design == AttentionDesign.PLUS_ARCHITECTURE)) {
            long d = arch.arrayDim();
            long blocks = seqLen / d * batch * s.heads();
            double cycles = sampledCycles(s, seqLen, blocks, d, design == AttentionDesign.FUSEMAX ? FUSEMAX_WINDOW : 1);
            double f = arch.clockHz();
            double traffic = r.dramBytes();
            double lat = Math.max(cycles / f, traffic / arch.dramBytesPerS());
            double scale = r.latencyS() / lat;
            Map<String, Double> shares = new LinkedHashMap<>();
            r.shares2d().forEach((k, v) -> shares.put(k, v * scale));
            r = new AttentionResult(design, s, seqLen, batch, cycles, lat, r.util2d() * scale, r.util1d() * scale, traffic, shares, r.p1());
            timing = "cycle-level binding on sim-core (" + Math.min(blocks, SAMPLE_BLOCKS) + " of " + blocks + " P blocks simulated, the rest at their steady state)";
        }
        double dram = r.dramBytes();
        AttentionEnergy.Breakdown e = AttentionEnergy.evaluate(design, s, seqLen, batch, arch.arrayDim(), dram, arch.bytesPerValue(), compat);
        return new Report(r, e, timing);
    }

    private static final long SAMPLE_BLOCKS = 4;
    /**
     * Tiles in flight in FuseMax's pipeline: each holds one value (BQK, then SLN in place) in every 2-D PE's register
     * file until SLNV consumes it; Fig. 3c's 10 entries less the MAC's two operand registers (an einsim assumption).
     */
    public static final int FUSEMAX_WINDOW = 8;

    /**
     * Cycles of {@code blocks} P blocks: simulated when there are at most 4, else 2 and 4 blocks are simulated and the
     * rest added at the per-block cost between them (the pipeline's steady state).
     */
    static double sampledCycles(AttentionShape s, long seqLen, long blocks, long d, int window) {
        if (blocks <= SAMPLE_BLOCKS) return BindingSim.run(s, seqLen, blocks, d, window).cycles();
        long c2 = BindingSim.run(s, seqLen, 2, d, window).cycles();
        long c4 = BindingSim.run(s, seqLen, 4, d, window).cycles();
        return c2 + (c4 - c2) / 2.0 * (blocks - 2);
    }
}
