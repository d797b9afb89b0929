package einsim.arch.lowbit;

import einsim.sim.Clocked;
import einsim.sim.Simulator;

import java.util.List;

/**
 * A low-bit PE array running one GEMM, out[m][n] = Σ_k act[m][k] · w[k][n], as BitMoD's simulator schedules it (lowbit
 * brief §3, §4.3): h rows of PEs over output channels n, w columns over tokens m, each PE a dot product of dp lanes per
 * step; a bit-serial PE spends one cycle per weight term (BitMoD), the others one per MAC (FP16×INT8 for ANT and OliVe,
 * FP16). A bit-serial array dequantizes each group's partial sum with its 8-bit scale one bit per cycle while the next
 * group runs; a group shorter than those 8 cycles (a short K) waits for the unit to hand its sum over, and the last
 * group's 8 cycles show at the end.
 *
 * <p>Two fidelities on one schedule: {@link #analyticCycles} in closed form, and {@link #simulate}, which moves every
 * operand through the PEs cycle by cycle on sim-core and computes the real product.
 *
 * @param termsPerWeight cycles per weight on a bit-serial PE ({@link WeightTerms#termsFor}); 1 otherwise
 * @param group          weights per dequantization group along k (bit-serial only)
 */
public record PeArray(String name, int rows, int cols, int dp, boolean bitSerial, int termsPerWeight, int group) {
    public static final int DEQUANT_CYCLES = 8;

    public PeArray {
        if (rows < 1 || cols < 1 || dp < 1) throw new IllegalArgumentException("array and dot product sizes must be at least 1");
        if (bitSerial && (termsPerWeight < 1 || group < dp || group % dp != 0)) {
            throw new IllegalArgumentException("a bit-serial array needs terms ≥ 1 and a group that is a multiple of the dot product");
        }
    }

    public static PeArray bitmod(int rows, int cols, int weightBits) {
        return new PeArray("bitmod", rows, cols, 4, true, WeightTerms.termsFor(weightBits), 128);
    }

    public static PeArray fp16Int8(int rows, int cols) { return new PeArray("fp16xint8", rows, cols, 1, false, 1, 1); }

    public static PeArray fp16(int rows, int cols) { return new PeArray("fp16", rows, cols, 1, false, 1, 1); }

    /** Tiles: ceil(K/dp) · ceil(N/h) · ceil(M/w) (brief §4.3). */
    public long tiles(long m, long n, long k) {
        return ceil(k, dp) * ceil(n, rows) * ceil(m, cols);
    }

    /**
     * Closed form: tiles · terms; on a bit-serial array plus, for every group but the first, the wait when it is shorter
     * than the dequantization of the group before, and the last group's dequantization.
     */
    public long analyticCycles(long m, long n, long k) {
        if (!bitSerial) return tiles(m, n, k);
        long outTiles = ceil(n, rows) * ceil(m, cols);
        long kSteps = ceil(k, dp);
        long perGroup = group / dp;
        long groupsPerTile = ceil(kSteps, perGroup);
        long full = perGroup * termsPerWeight;
        long last = (kSteps - (groupsPerTile - 1) * perGroup) * termsPerWeight;
        long groups = outTiles * groupsPerTile;
        long lastGroups = outTiles;
        long stalls = (groups - lastGroups) * Math.max(0, DEQUANT_CYCLES - full) + lastGroups * Math.max(0, DEQUANT_CYCLES - last)
                - Math.max(0, DEQUANT_CYCLES - (groupsPerTile > 1 ? full : last)); // the very first group waits for nothing
        return tiles(m, n, k) * termsPerWeight + stalls + DEQUANT_CYCLES;
    }

    /** The result of a cycle-level run: cycles and the product. */
    public record Run(long cycles, double[][] out) {}

    /**
     * Cycle-level: every cycle each PE multiplies its dp activations by one term of each of its dp weights (or one
     * whole weight) and accumulates; output tiles run column tile outer, row tile inner, k steps innermost.
     *
     * @param terms weight terms per [k][n] (bit-serial), each of length {@link #termsPerWeight}; null for MAC PEs
     */
    public Run simulate(double[][] act, double[][] w, List<WeightTerms.Term>[][] terms) {
        int m = act.length;
        int k = w.length;
        int n = w[0].length;
        double[][] out = new double[m][n];
        Simulator sim = new Simulator();
        int steps = bitSerial ? termsPerWeight : 1;
        long kSteps = ceil(k, dp);
        long rowTiles = ceil(n, rows);
        long colTiles = ceil(m, cols);
        long[] lastDequant = {0};
        long[] unitFree = {0};
        Clocked array = new Clocked() {
            long tile;           // column tile outer, row tile inner
            long ks;
            int term;
            final double[][] psum = new double[rows][cols];

            @Override
            public long tick(long cycle) {
                long ct = tile / rowTiles;
                long rt = tile % rowTiles;
                for (int r = 0; r < rows; r++) {
                    int nn = (int) (rt * rows + r);
                    if (nn >= n) continue;
                    for (int c = 0; c < cols; c++) {
                        int mm = (int) (ct * cols + c);
                        if (mm >= m) continue;
                        double s = 0;
                        for (int l = 0; l < dp; l++) {
                            int kk = (int) (ks * dp + l);
                            if (kk >= k) continue;
                            double wt = bitSerial ? terms[kk][nn].get(term).value() : w[kk][nn];
                            s += act[mm][kk] * wt;
                        }
                        psum[r][c] += s;
                    }
                }
                if (++term < steps) return cycle + 1;
                term = 0;
                ks++;
                boolean groupEnds = !bitSerial || (ks * dp) % group == 0 || ks == kSteps;
                if (groupEnds) {
                    // the group's partial sums leave for the dequantization unit (scale 1 here), which needs 8 cycles
                    for (int r = 0; r < rows; r++) {
                        int nn = (int) (rt * rows + r);
                        for (int c = 0; c < cols; c++) {
                            int mm = (int) (ct * cols + c);
                            if (nn < n && mm < m) out[mm][nn] += psum[r][c];
                            psum[r][c] = 0;
                        }
                    }
                    if (bitSerial) {
                        // the sum goes to the dequantization unit when it is free; the PEs wait for that
                        long handOff = Math.max(cycle + 1, unitFree[0]);
                        unitFree[0] = handOff + DEQUANT_CYCLES;
                        lastDequant[0] = unitFree[0];
                        if (ks == kSteps && tile + 1 == rowTiles * colTiles) {
                            ks = 0;
                            tile++;
                            return Simulator.IDLE;
                        }
                        if (ks == kSteps) {
                            ks = 0;
                            tile++;
                        }
                        return handOff;
                    }
                }
                if (ks == kSteps) {
                    ks = 0;
                    tile++;
                    if (tile == rowTiles * colTiles) return Simulator.IDLE;
                }
                return cycle + 1;
            }
        };
        sim.wake(0, array);
        long last = sim.run() + 1;
        return new Run(Math.max(last, lastDequant[0]), out);
    }

    static long ceil(long a, long b) { return (a + b - 1) / b; }
}
