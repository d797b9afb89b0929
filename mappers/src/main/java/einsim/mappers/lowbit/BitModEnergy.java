package einsim.mappers.lowbit;

import einsim.arch.lowbit.LowBitAccelerator;

/**
 * Energy of a {@link BitModSim.Report} by the BitMoD simulator's method (lowbit brief §4.6): compute = PE power × 1.5
 * (the post-place-and-route factor that applies) × PEs × compute cycles; DRAM = 150 pJ per byte (2,400 pJ per 128-bit
 * access), reads and writes, refetches included; SRAM = reads per tile and writes per 64-bit granule, whose per-access
 * energies come from CACTI in the original and cannot be regenerated (the binary is absent).
 *
 * <p>einsim's SRAM assumption: a read or write costs a fixed energy per bit of its access width (weights
 * dp·ceil(b/4)·4·h bits, activations dp·16·w, halved on bit-serial arrays; writes in 64-bit granules), with the two
 * per-bit energies calibrated by least squares to the on-chip totals the brief gives (10 cases: OPT-1.3B fp16, ant,
 * bitmod-lossy and Llama-2-7B fp16, bitmod-lossy, prefill and decode). {@code BitModEnergyTest} reports how well it fits.
 */
public final class BitModEnergy {
    /** pJ per bit read from a 512 KiB SRAM; calibrated (see the class comment). */
    public static final double SRAM_READ_PJ_PER_BIT = 0.1280;
    /** pJ per bit written; calibrated. */
    public static final double SRAM_WRITE_PJ_PER_BIT = 0.2091;
    public static final double PR_SCALING = 1.5;
    public static final double DRAM_PJ_PER_BYTE = 2400.0 / 16;

    /** pJ by part. */
    public record Breakdown(double computePj, double sramPj, double dramPj, double sramReadBits, double sramWriteBits) {
        public double totalPj() { return computePj + sramPj + dramPj; }

        public double onChipPj() { return computePj + sramPj; }
    }

    private BitModEnergy() {}

    public static Breakdown of(BitModSim.Report r, LowBitAccelerator a) {
        return of(r, a, SRAM_READ_PJ_PER_BIT, SRAM_WRITE_PJ_PER_BIT);
    }

    public static Breakdown of(BitModSim.Report r, LowBitAccelerator a, double readPjPerBit, double writePjPerBit) {
        // version B charges ANT 0.56 mW (brief §4.7)
        double peMw = r.mode() == BitModSim.Mode.BITMOD_SIM_UPSTREAM && a.name().equals("ant") ? 0.56 : a.peMw();
        double compute = peMw * PR_SCALING * r.rows() * r.cols() * r.computeCycles();
        double dram = 0;
        double readBits = 0;
        double writeBits = 0;
        int dp = a.dotProduct();
        long w16 = BitModSim.sixteenths(r.weightBits());
        long wPrecCeil4 = ((w16 + 63) / 64) * 4; // ceil(w_prec / 4) · 4
        double half = a.bitSerial() ? 0.5 : 1;
        double weightWidth = dp * wPrecCeil4 * r.rows() * half;
        double actWidth = dp * 16.0 * r.cols() * half;
        for (BitModSim.LayerCost c : r.layers()) {
            long rep = c.repeat();
            dram += (double) c.dramBytes() * rep * DRAM_PJ_PER_BYTE;
            readBits += (double) c.tiles() * rep * (weightWidth + actWidth);
            // writes in 64-bit granules per row (§4.6): weights at the accelerator's precision (for attention too in
            // version A, quirk Q5), inputs and outputs at 16 bits
            BitModSim.Layer l = c.layer();
            long wb16 = r.mode() == BitModSim.Mode.BITMOD_SIM ? w16 : l.weightBits16();
            double gW = (double) granules(l.cin() * wb16 / 16 + (l.cin() * wb16 % 16 == 0 ? 0 : 1)) * l.cout() * l.copies();
            double gI = (double) granules(l.cinInput() * 16) * l.tokens() * l.copies();
            double gO = (double) granules(l.cout() * 16) * l.tokens() * l.copies();
            writeBits += 64.0 * rep * (gW * c.fW() + gI * c.fI() + gO);
        }
        return new Breakdown(compute, readBits * readPjPerBit + writeBits * writePjPerBit, dram, readBits, writeBits);
    }

    private static long granules(long bits) { return (bits + 63) / 64; }
}
