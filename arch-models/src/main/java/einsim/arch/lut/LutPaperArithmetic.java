package einsim.arch.lut;

/**
 * The LUT Tensor Core paper's own arithmetic, re-derived from its printed inputs (lut-pim brief §3.2, §3.6; targets
 * 3–7 of §6.1): tensor-core peak = SMs · 4 tensor cores · 512·k MACs · 2 · 1.41 GHz, density = peak / (SMs · area per
 * SM), the headline ratios, the UNPU ablation ratios and the precompute overheads.
 */
public final class LutPaperArithmetic {
    public static final double CLOCK_HZ = 1.41e9;
    public static final int TC_PER_SM = 4;
    /** Operations per cycle of the 1× array (M·N·K = 512 as the paper counts it). */
    public static final int BASE_ARRAY_OPS = 512;

    private LutPaperArithmetic() {}

    /** A row of the paper's Table 1 as printed: SMs, array multiple k, peak (T ops), TC area per SM (mm²), density. */
    public record Table1Row(String config, int sms, double k, double peak, double areaPerSmMm2, double density) {
        public double derivedPeak() { return peakTera(sms, k); }

        public double derivedDensity() { return LutPaperArithmetic.density(peak, sms, areaPerSmMm2); }
    }

    /** Table 1 of the paper (ISCA'25), the printed peak, area and density columns. */
    public static final java.util.List<Table1Row> TABLE1 = java.util.List.of(
            new Table1Row("A100 FP16 TC", 108, 1, 312, 0.975, 2.96),
            new Table1Row("A100 INT8 TC", 108, 2, 624, 0.312, 17.73),
            new Table1Row("A100-LUT-4X", 108, 4, 1248, 0.187, 61.84),
            new Table1Row("A100-LUT-8X", 108, 8, 2496, 0.373, 61.95),
            new Table1Row("H100 FP8 TC", 132, 4, 1525, 0.918, 12.59),
            new Table1Row("H100-LUT-4X", 132, 4, 1525, 0.488, 23.69),
            new Table1Row("H100-LUT-8X", 132, 8, 3049, 0.909, 25.40));

    /** Table 2 (UNPU ablation) as printed: area (µm²) and power (mW) per step of the ablation. */
    public static final double[] TABLE2_AREA = {17271.71, 13116.60, 12780.05, 11991.29};
    public static final double[] TABLE2_POWER = {23.39, 17.98, 17.37, 16.22};
    /** Table 4 (ms): rows OPT-175B, BLOOM-176B, LLAMA2-70B; Welder, + precompute, + fused; prefill then decode. */
    public static final double[][] TABLE4_PREFILL = {{32.38, 107.11, 34.68}, {38.77, 129.85, 37.60}, {33.63, 108.38, 35.65}};
    public static final double[][] TABLE4_DECODE = {{14.99, 20.99, 11.45}, {17.43, 26.05, 15.21}, {15.50, 21.31, 11.75}};

    /** Peak in TFLOPs (or TOPs). */
    public static double peakTera(int sms, double arrayMultiple) {
        return sms * TC_PER_SM * BASE_ARRAY_OPS * arrayMultiple * CLOCK_HZ / 1e12;
    }

    /** TFLOPs/mm² from a peak and the tensor-core area per SM. */
    public static double density(double peakTera, int sms, double areaPerSmMm2) {
        return peakTera / (sms * areaPerSmMm2);
    }

    /** Mean over models of (t / t_base − 1), percent. */
    public static double meanOverheadPct(double[] base, double[] with) {
        double s = 0;
        for (int i = 0; i < base.length; i++) s += with[i] / base[i] - 1;
        return 100 * s / base.length;
    }
}
