package einsim.mappers.fusemax;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FuseMax's headline means (brief §12): arithmetic means over BERT, TrXL, T5 and XLM at 1K–1M tokens (batch 64) of
 * per-point ratios, FuseMax against FLAT and against Unfused. Latency from {@link AttentionModel}, energy from
 * {@link AttentionEnergy}; end to end adds the linear layers mapped by einsim's mapper ({@link LinearLayers}) on each
 * design's chip (FLAT's for Unfused and FLAT, FuseMax's for FuseMax).
 */
public final class AttentionMeans {
    public static final String[] MODELS = {"bert", "trxl", "t5", "xlm"};
    public static final long[] LENGTHS = {1L << 10, 1L << 12, 1L << 14, 1L << 16, 1L << 18, 1L << 20};

    /** The paper's values (brief §12), by key. */
    public static final Map<String, Double> PAPER = new LinkedHashMap<>();

    static {
        PAPER.put("attention speedup vs FLAT", 6.7226);
        PAPER.put("attention energy vs FLAT", 0.7875);
        PAPER.put("e2e speedup vs FLAT", 5.3017);
        PAPER.put("e2e energy vs FLAT", 0.8335);
        PAPER.put("e2e speedup vs FLAT at 1M", 7.543);
        PAPER.put("attention speedup vs Unfused", 10.052);
        PAPER.put("attention energy vs Unfused", 0.7674);
        PAPER.put("e2e speedup vs Unfused", 7.602);
        PAPER.put("e2e energy vs Unfused", 0.8210);
        PAPER.put("e2e speedup vs Unfused at 1M", 10.140);
    }

    private AttentionMeans() {}

    /** The same keys as {@link #PAPER}, computed by einsim. */
    public static Map<String, Double> compute(boolean compat) {
        FuseMaxArch arch = FuseMaxArch.cloud(256);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String k : PAPER.keySet()) sums.put(k, new double[2]);
        for (String model : MODELS) {
            AttentionShape s = AttentionShape.preset(model);
            for (long l : LENGTHS) {
                Map<AttentionDesign, double[]> v = new LinkedHashMap<>();
                for (AttentionDesign d : new AttentionDesign[]{AttentionDesign.FUSEMAX, AttentionDesign.FLAT, AttentionDesign.UNFUSED}) {
                    AttentionModel.Report r = AttentionModel.evaluate(d, s, l, 64, arch, compat);
                    LinearLayers.Cost6 lin = LinearLayers.map(s, l, 64, 256, d != AttentionDesign.FUSEMAX);
                    v.put(d, new double[]{r.result().latencyS(), r.energy().totalPj(), r.result().latencyS() + lin.latencyS(),
                            r.energy().totalPj() + lin.energyPj()});
                }
                double[] fm = v.get(AttentionDesign.FUSEMAX);
                for (AttentionDesign base : new AttentionDesign[]{AttentionDesign.FLAT, AttentionDesign.UNFUSED}) {
                    double[] b = v.get(base);
                    String vs = base == AttentionDesign.FLAT ? "FLAT" : "Unfused";
                    add(sums, "attention speedup vs " + vs, b[0] / fm[0]);
                    add(sums, "attention energy vs " + vs, fm[1] / b[1]);
                    add(sums, "e2e speedup vs " + vs, b[2] / fm[2]);
                    add(sums, "e2e energy vs " + vs, fm[3] / b[3]);
                    if (l == LENGTHS[LENGTHS.length - 1]) add(sums, "e2e speedup vs " + vs + " at 1M", b[2] / fm[2]);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, x) -> out.put(k, x[0] / x[1]));
        return out;
    }

    private static void add(Map<String, double[]> sums, String key, double v) {
        double[] x = sums.get(key);
        x[0] += v;
        x[1]++;
    }
}
