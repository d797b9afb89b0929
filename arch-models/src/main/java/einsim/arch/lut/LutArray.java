package einsim.arch.lut;

import einsim.arch.lowbit.formats.Codes;
import einsim.sim.Clocked;
import einsim.sim.Simulator;

/**
 * One LUT Tensor Core array (lut-pim brief §3.3, the RTL {@code fp_lut_array_b_cycle_stage1/2}): per step an M×N×K
 * tile (default M2N64K4) of M precomputed 8-entry tables against K×N offline-complemented weights, one bit plane per
 * cycle, so a step takes B_W cycles; every cycle each of the M·N FP16 adders adds ±T[address]·2^b to its running sum,
 * which starts from the incoming partial sum. {@code valid} rises B_W edges after a step starts (stage 2: one more).
 * Two fidelities: {@link #analyticCycles} and {@link #simulate} (on sim-core, real FP16 adds in the RTL's order, with a
 * true ×2^b where the RTL adds b to the exponent field: brief §3.3's deviation for zero and subnormal entries).
 */
public record LutArray(int m, int n, int k, int weightBits, int stages) {
    public LutArray {
        if (m < 1 || n < 1 || k != 4) throw new IllegalArgumentException("the array is M×N×4 (tables of 8 entries from 4 activations)");
        if (weightBits < 1 || weightBits > 8) throw new IllegalArgumentException("weight bits " + weightBits + " must be from 1 to 8");
        if (stages != 1 && stages != 2) throw new IllegalArgumentException("the RTL has 1 or 2 pipeline stages");
    }

    public static LutArray rtl(int weightBits) { return new LutArray(2, 64, 4, weightBits, 1); }

    /** Steps for a GEMM [rows × kk] × [kk × cols]: ceil(rows/M)·ceil(cols/N)·ceil(kk/4). */
    public long steps(long rows, long cols, long kk) {
        return ceil(rows, m) * ceil(cols, n) * ceil(kk, k);
    }

    /** Back-to-back steps of B_W cycles; the last result is valid {@code stages − 1} cycles after the last plane. */
    public long analyticCycles(long rows, long cols, long kk) {
        return steps(rows, cols, kk) * weightBits + (stages - 1);
    }

    /** Cycles and the FP16 sums Σ_b 2^b·(±T) per output (the caller adds the bias and halves). */
    public record Run(long cycles, double[][] sums) {}

    public Run simulate(double[][] a, int[][] q) {
        int rows = a.length;
        int kk = q.length;
        int cols = q[0].length;
        double[][] sums = new double[rows][cols];
        long rowTiles = ceil(rows, m);
        long colTiles = ceil(cols, n);
        long kSteps = ceil(kk, k);
        long total = rowTiles * colTiles * kSteps;
        // tables per (row, k-group), rounded to FP16 as the RTL stores them
        int groups = (int) kSteps;
        double[][][] tables = new double[rows][groups][];
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < groups; g++) {
                double[] av = new double[4];
                for (int j = 0; j < 4; j++) av[j] = 4 * g + j < kk ? a[r][4 * g + j] : 0;
                double[] t = LutGemm.table(av[0], av[1], av[2], av[3]);
                for (int e = 0; e < 8; e++) t[e] = fp16(t[e]);
                tables[r][g] = t;
            }
        }
        Simulator sim = new Simulator();
        long[] lastValid = {0};
        Clocked array = new Clocked() {
            long step;   // row tile outer, column tile, k steps innermost (output stationary over k)
            int plane;

            @Override
            public long tick(long cycle) {
                long ks = step % kSteps;
                long ct = (step / kSteps) % colTiles;
                long rt = step / kSteps / colTiles;
                for (int i = 0; i < m; i++) {
                    int r = (int) (rt * m + i);
                    if (r >= rows) continue;
                    double[] t = tables[r][(int) ks];
                    for (int j = 0; j < n; j++) {
                        int c = (int) (ct * n + j);
                        if (c >= cols) continue;
                        int idx = 0;
                        for (int x = 0; x < 4; x++) {
                            int kx = (int) (ks * 4 + x);
                            if (kx < kk && ((q[kx][c] >> plane) & 1) == 1) idx |= 1 << x;
                        }
                        double v = Math.scalb(LutGemm.lookup(t, LutGemm.complement(idx)), plane);
                        sums[r][c] = fp16(sums[r][c] + fp16(v));
                    }
                }
                if (++plane < weightBits) return cycle + 1;
                plane = 0;
                lastValid[0] = cycle + stages;   // valid after B_W edges (+1 with the second stage)
                if (++step == total) return Simulator.IDLE;
                return cycle + 1;
            }
        };
        sim.wake(0, array);
        sim.run();
        return new Run(lastValid[0], sums);
    }

    private static double fp16(double x) { return Codes.fromFp16(Codes.toFp16(x)); }

    static long ceil(long a, long b) { return (a + b - 1) / b; }
}
