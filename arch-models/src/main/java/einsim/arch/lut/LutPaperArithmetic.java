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
