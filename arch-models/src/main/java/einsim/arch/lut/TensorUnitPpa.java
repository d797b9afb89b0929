package einsim.arch.lut;

import einsim.arch.lut.LutGemm.AType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Area and power of one M×N×K tensor unit built from counted components (lut-pim brief §3.4, §5.1), LUT or MAC.
 *
 * <p>LUT (bit-serial, one weight bit plane per cycle): M·N accumulating adders (FP16 for FP activations as in the
 * RTL, 32-bit integer for INT8), M·N multiplexers of 2^(K−1):1 over table entries, the sign negation (one XOR for a
 * float, one per bit for an integer), the ×2^b scaling (an exponent adder, or a barrel shifter for integers), and
 * registers for M tables of 2^(K−1) entries, the K×N weight tile and the M·N accumulators. Tables come precomputed
 * (the LUT Tensor Core moves precompute out of the array). Throughput M·N·K / B_W MACs per cycle.
 *
 * <p>MAC (dequantized weights): M·N·K multipliers, an adder tree and accumulator per output, operand and accumulator
 * registers. Throughput M·N·K MACs per cycle. Dequantization runs on the CUDA cores (charged by the GPU model).
 *
 * <p>Power is the energy per cycle at 1 GHz (pJ per cycle = mW), activity as in {@link ComponentTech}.
 */
public final class TensorUnitPpa {
    private TensorUnitPpa() {}

    public enum Design { LUT, MAC }

    /**
     * @param areaUm2      total area, µm²
     * @param powerMw      power at 1 GHz, mW (= pJ per cycle)
     * @param macsPerCycle multiply-accumulate equivalents per cycle
     */
    public record Ppa(Design design, int m, int n, int k, int weightBits, AType aType, int tableBits, double areaUm2,
                      double powerMw, double macsPerCycle, Map<String, Double> areaUm2ByComponent) {
        /** Compute density at a clock, TFLOPs (2 per MAC) per mm². */
        public double tflopsPerMm2(double clockGhz) { return 2 * macsPerCycle * clockGhz * 1e9 / (areaUm2 * 1e-6) / 1e12; }

        /** Energy efficiency, TOPs per W (independent of the clock: operations per pJ). */
        public double topsPerW() { return 2 * macsPerCycle / powerMw; }

        /** The paper's DSE figure of merit: area × power per unit of throughput squared (lower is better). */
        public double areaPowerPerMac2() { return areaUm2 * powerMw / (macsPerCycle * macsPerCycle); }

        public String shape() { return "M" + m + "N" + n + "K" + k; }
    }

    static boolean isFloat(AType a) { return a != AType.INT8; }

    /** Table entry width: 16 for FP tables (the RTL), 8 when quantized to INT8, else the exact sum of K INT8 values. */
    public static int tableBits(int k, AType a, boolean tableInt8) {
        if (tableInt8) return 8;
        if (isFloat(a)) return 16;
        return 8 + (k > 1 ? 32 - Integer.numberOfLeadingZeros(k - 1) : 0);
    }

    public static Ppa lut(int m, int n, int k, int weightBits, AType a, boolean tableInt8, ComponentTech t) {
        check(m, n, k);
        if (weightBits < 1 || weightBits > 8) throw new IllegalArgumentException("weight bits " + weightBits + " must be 1 to 8");
        int lb = tableBits(k, a, tableInt8);
        boolean fp = isFloat(a);
        int accBits = fp ? 16 : 32;
        long mn = (long) m * n;
        Map<String, Double> area = new LinkedHashMap<>();
        double pj = 0;
        area.put("adders", mn * (fp ? t.fp16AddUm2() : t.intAddUm2(accBits)));
        pj += mn * (fp ? t.fp16AddPj() : t.intAddPj(accBits));
        long mux2 = mn * ((1L << (k - 1)) - 1) * lb;
        area.put("table muxes", mux2 * t.mux2Um2());
        pj += mux2 * t.mux2Pj() * t.activity();
        long xor = mn * (fp ? 1 : lb);
        area.put("negation", xor * t.xorUm2());
        pj += xor * t.xorPj() * t.activity();
        if (weightBits > 1) {
            if (fp) {   // ×2^b: a 5-bit exponent adder per output
                area.put("plane scaling", mn * t.intAddUm2(5));
                pj += mn * t.intAddPj(5);
            } else {    // ×2^b: a barrel shifter of ceil(log2 B_W) levels
                long sh = mn * (32 - Integer.numberOfLeadingZeros(weightBits - 1)) * (lb + weightBits - 1L);
                area.put("plane scaling", sh * t.mux2Um2());
                pj += sh * t.mux2Pj() * t.activity();
            }
        }
        long tableRegs = (long) m * (1L << (k - 1)) * lb;
        long weightRegs = (long) k * n * weightBits;
        long accRegs = mn * accBits;
        area.put("table registers", tableRegs * t.dffUm2());
        area.put("weight registers", weightRegs * t.dffUm2());
        area.put("accumulator registers", accRegs * t.dffUm2());
        pj += (tableRegs + weightRegs + accRegs) * t.dffPjPerCycle();
        double total = area.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Ppa(Design.LUT, m, n, k, weightBits, a, lb, total, pj, (double) mn * k / weightBits, area);
    }

    public static Ppa mac(int m, int n, int k, AType a, ComponentTech t) {
        check(m, n, k);
        boolean fp = isFloat(a);
        long mn = (long) m * n;
        long macs = mn * k;
        Map<String, Double> area = new LinkedHashMap<>();
        double pj;
        if (fp) {
            area.put("multipliers", macs * t.fp16MulUm2());
            area.put("adders", macs * t.fp16AddUm2());
            pj = macs * (t.fp16MulPj() + t.fp16AddPj());
        } else {   // 16-bit products summed in a tree, then a 32-bit accumulator
            area.put("multipliers", macs * t.int8MulUm2());
            area.put("adders", mn * (k - 1) * t.intAddUm2(16) + mn * t.intAddUm2(32));
            pj = macs * t.int8MulPj() + mn * (k - 1) * t.intAddPj(16) + mn * t.intAddPj(32);
        }
        int operandBits = fp ? 16 : 8;
        int accBits = fp ? 16 : 32;
        long regs = ((long) m * k + (long) k * n) * operandBits + mn * accBits;
        area.put("registers", regs * t.dffUm2());
        pj += regs * t.dffPjPerCycle();
        double total = area.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Ppa(Design.MAC, m, n, k, 16, a, 0, total, pj, macs, area);
    }

    private static void check(int m, int n, int k) {
        if (m < 1 || n < 1 || k < 1 || k > 16) throw new IllegalArgumentException("tile M" + m + "N" + n + "K" + k + ": sizes >= 1, K <= 16");
    }

    /**
     * The tensor-core design space of the paper's Fig. 14: every power-of-two M, N, K with M·N·K = {@code product},
     * ordered by area × power per MAC² (the paper's iso-lines), best first.
     */
    public static List<Ppa> dse(Design d, int weightBits, AType a, boolean tableInt8, int product, ComponentTech t) {
        if (Integer.bitCount(product) != 1) throw new IllegalArgumentException("M·N·K = " + product + " must be a power of two");
        List<Ppa> out = new ArrayList<>();
        for (int k = 1; k <= Math.min(16, product); k *= 2) {
            for (int m = 1; m * k <= product; m *= 2) {
                int n = product / (m * k);
                out.add(d == Design.LUT ? lut(m, n, k, weightBits, a, tableInt8, t) : mac(m, n, k, a, t));
            }
        }
        out.sort(Comparator.comparingDouble(Ppa::areaPowerPerMac2));
        return out;
    }

    /** The dot-product unit of the paper's Fig. 11: M = N = 1, K = 1..kMax, in K order. */
    public static List<Ppa> dotProductSweep(int kMax, int weightBits, AType a, boolean tableInt8, ComponentTech t) {
        List<Ppa> out = new ArrayList<>();
        for (int k = 1; k <= kMax; k++) out.add(lut(1, 1, k, weightBits, a, tableInt8, t));
        return out;
    }
}
