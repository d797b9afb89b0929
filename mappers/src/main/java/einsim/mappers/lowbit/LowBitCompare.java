package einsim.mappers.lowbit;

import einsim.arch.lowbit.LowBitAccelerator;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BitMoD's comparison (lowbit brief §5): per model and task, speedup over FP16 = C_fp16 / C_X and normalized energy =
 * E_X / E_fp16, with C = prefill of 256 tokens (discriminative) or prefill + 20 × one decode step at context 256
 * (generative); the figure's "Geo Mean" is an arithmetic mean over the six models, annotated to 2 decimals. The
 * headline (BitMoD-lossy over ANT and over OliVe) is the ratio of those annotated means per task, rounded to 2
 * decimals, averaged over the two tasks and rounded again (which gives 1.48 over OliVe; without the intermediate
 * rounding it would be 1.47).
 */
public final class LowBitCompare {
    public static final List<String> TASKS = List.of("discriminative", "generative");

    /**
     * @param speedup  [accelerator][task] per model: model → value
     * @param means    [accelerator][task] arithmetic means over the models, annotated (2 decimals)
     * @param headline "BitMoD-lossy vs ant", "… vs olive": the paper's way
     */
    public record Table(List<String> models, Map<String, Map<String, Map<String, Double>>> speedup,
                       Map<String, Map<String, Map<String, Double>>> energy, Map<String, Map<String, Double>> meanSpeedup,
                       Map<String, Map<String, Double>> meanEnergy, Map<String, Double> headline, BitModSim.Mode mode) {}

    private LowBitCompare() {}

    public static Table run(List<String> models, BitModSim.Mode mode) {
        Map<String, Map<String, Map<String, Double>>> sp = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Double>>> en = new LinkedHashMap<>();
        for (String acc : LowBitAccelerator.NAMES) {
            sp.put(acc, new LinkedHashMap<>());
            en.put(acc, new LinkedHashMap<>());
            for (String t : TASKS) {
                sp.get(acc).put(t, new LinkedHashMap<>());
                en.get(acc).put(t, new LinkedHashMap<>());
            }
        }
        for (String id : models) {
            ModelConfig m = ModelZoo.resolve(id);
            Map<String, double[]> c = new LinkedHashMap<>();
            for (String acc : LowBitAccelerator.NAMES) {
                LowBitAccelerator a = LowBitAccelerator.of(acc);
                BitModSim.Report pre = BitModSim.run(a, m, true, 256, 1, null, mode);
                BitModSim.Report dec = BitModSim.run(a, m, false, 256, 1, null, mode);
                double ePre = BitModEnergy.of(pre, a).totalPj();
                double eDec = BitModEnergy.of(dec, a).totalPj();
                c.put(acc, new double[]{pre.totalCycles(), pre.totalCycles() + 20.0 * dec.totalCycles(), ePre, ePre + 20 * eDec});
            }
            double[] f = c.get("fp16");
            for (String acc : LowBitAccelerator.NAMES) {
                double[] x = c.get(acc);
                for (int t = 0; t < 2; t++) {
                    sp.get(acc).get(TASKS.get(t)).put(id, f[t] / x[t]);
                    en.get(acc).get(TASKS.get(t)).put(id, x[2 + t] / f[2 + t]);
                }
            }
        }
        Map<String, Map<String, Double>> ms = means(sp);
        Map<String, Map<String, Double>> me = means(en);
        Map<String, Double> head = new LinkedHashMap<>();
        for (String base : List.of("ant", "olive")) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String t : TASKS) sum = sum.add(round2(ms.get("bitmod-lossy").get(t) / ms.get(base).get(t)));
            head.put("bitmod-lossy vs " + base, sum.divide(BigDecimal.valueOf(2)).setScale(2, RoundingMode.HALF_UP).doubleValue());
        }
        return new Table(List.copyOf(models), sp, en, ms, me, head, mode);
    }

    private static Map<String, Map<String, Double>> means(Map<String, Map<String, Map<String, Double>>> v) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        v.forEach((acc, byTask) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            byTask.forEach((t, byModel) -> m.put(t, round2(byModel.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).doubleValue()));
            out.put(acc, m);
        });
        return out;
    }

    /** Two decimals, half up on the decimal expansion of the double, as a figure's annotation. */
    static BigDecimal round2(double x) { return new BigDecimal(Double.toString(x)).setScale(2, RoundingMode.HALF_UP); }
}
