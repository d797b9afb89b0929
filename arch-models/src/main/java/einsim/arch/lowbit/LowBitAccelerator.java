package einsim.arch.lowbit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A low-bit LLM accelerator as BitMoD's simulator models it (lowbit brief §3.3, §4.2): an h×w array of PEs (rows over
 * output channels, columns over tokens), each a dot product of {@code dotProduct} lanes; bit-serial PEs spend one cycle
 * per 2-bit weight term. Iso-area arrays, 28 nm, 1 GHz; 512 KiB weight and 512 KiB activation SRAM; DRAM 32 B/cycle.
 *
 * @param decodeRows       h in decode; @param decodeCols w in decode; likewise for prefill
 * @param prefillWeightBits weight bits per weight charged in prefill (fractional: a mixed-precision average or group
 *                          scale overhead, exact binary fractions)
 * @param decodeWeightBits  per model id for ANT and OliVe (profiled offline by the BitMoD authors), else one value
 *                          under the key "*"
 * @param peMw              PE power, mW (= pJ per cycle at 1 GHz)
 * @param peAreaUm2         PE area, µm², unscaled
 */
public record LowBitAccelerator(String name, int dotProduct, boolean bitSerial, int decodeRows, int decodeCols, int prefillRows,
                                int prefillCols, double prefillWeightBits, Map<String, Double> decodeWeightBits, double peMw,
                                double peAreaUm2, String source) {
    public static final List<String> NAMES = List.of("fp16", "ant", "olive", "bitmod-lossless", "bitmod-lossy");

    /** The six models of BitMoD's evaluation, in the order of the brief's tables. */
    public static final List<String> STUDY_MODELS = List.of("facebook/opt-1.3b", "microsoft/phi-2", "01-ai/Yi-6B",
            "meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-13b-hf", "meta-llama/Meta-Llama-3-8B");

    private static final String SIM = "BitMoD simulator version A (yc2367/BitMoD@b18cacb sim/test_*.py), lowbit brief §4.2";

    private static Map<String, Double> perModel(double... v) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) m.put(STUDY_MODELS.get(i), v[i]);
        return Map.copyOf(m);
    }

    public static LowBitAccelerator of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fp16" -> new LowBitAccelerator("fp16", 1, false, 64, 12, 32, 24, 16, Map.of("*", 16.0), 0.77, 1968.7,
                    SIM + "; PE = FP16 mul + FP16 add, BM-A hardware/PE_Area_Power.xlsx");
            case "ant" -> new LowBitAccelerator("ant", 1, false, 64, 16, 32, 32, 5.5, perModel(5, 5, 5.25, 5, 5, 4.5), 0.613, 1318.6,
                    SIM + "; PE = FP16 + FP16xINT8 -> FP16 (BitMoD's model of ANT); precisions profiled offline by the BitMoD authors");
            case "olive" -> new LowBitAccelerator("olive", 1, false, 72, 16, 36, 32, 4.5, perModel(3.875, 4, 4.25, 3.75, 3.75, 3.5), 0.613,
                    1318.6, SIM + "; PE = FP16 + FP16xINT8 -> FP16 (BitMoD's model of OliVe)");
            case "bitmod-lossless" -> new LowBitAccelerator("bitmod-lossless", 4, true, 64, 16, 32, 32, 6.0625, Map.of("*", 6.0625), 0.56, 1507.7,
                    SIM + "; 6-bit weights + an 8-bit scale per 128-weight group; PE figures of the test scripts (their source is not established)");
            case "bitmod-lossy" -> new LowBitAccelerator("bitmod-lossy", 4, true, 64, 16, 32, 32, 4.0625, Map.of("*", 3.0625), 0.56, 1507.7,
                    SIM + "; FP3 (decode) / FP4 (prefill) per-group types + an 8-bit group scale");
            default -> throw new IllegalArgumentException("unknown accelerator '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** Weight bits in decode for a model; NaN when this accelerator has no profiled value for it. */
    public double decodeWeightBits(String modelId) {
        Double v = decodeWeightBits.get("*");
        if (v != null) return v;
        v = decodeWeightBits.get(modelId);
        return v == null ? Double.NaN : v;
    }

    public int rows(boolean prefill) { return prefill ? prefillRows : decodeRows; }

    public int cols(boolean prefill) { return prefill ? prefillCols : decodeCols; }
}
