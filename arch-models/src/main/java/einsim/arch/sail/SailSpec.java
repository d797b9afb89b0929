package einsim.arch.sail;

import einsim.arch.device.DeviceCatalog;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * SAIL (Zhang et al., arXiv 2509.25853): compute-capable SRAM (C-SRAM) arrays in the last-level-cache slices of a
 * multi-core CPU run batched LUT-GEMV, with tables built over the weights and the activations' bits processed serially
 * (lut-pim brief §4, §5.2). The paper's body is not available, so every number here is a named parameter; those the
 * abstract does not give are assumptions, printed with every result ({@link #assumptions()}).
 *
 * <p>Units: clocks in GHz, bandwidths in bytes/s, prices in dollars per hour, energies in pJ.
 */
public record SailSpec(String name, Map<String, Double> values) {
    /** A parameter: its default and where the default came from. */
    public record Param(String key, double value, String source, boolean assumption) {}

    public static final Map<String, Param> PARAMS;

    private static void p(Map<String, Param> m, String key, double v, String source, boolean assumption) {
        m.put(key, new Param(key, v, source, assumption));
    }

    static {
        Map<String, Param> m = new LinkedHashMap<>();
        String g2 = "AWS Graviton2 (64 Neoverse-N1 cores, 2.5 GHz, 32 MB system-level cache, 8 x DDR4-3200): AnandTech, "
                + "'A Peek Into Graviton2' (2020); SAIL's gem5 configuration is not available";
        p(m, "cores", 64, g2, true);
        p(m, "core_clock_ghz", 2.5, g2, true);
        p(m, "llc_slices", 32, "32 MB system-level cache as 32 CMN-600 home-node slices of 1 MB (slice size not verified)", true);
        p(m, "arrays_per_slice", 128, "every 8 KB array of a 1 MB slice is compute-capable (the abstract's compute and storage "
                + "dual use; Neural Cache, ISCA 2018, makes all LLC arrays compute-capable for ~2 % area)", true);
        p(m, "array_cols", 256, "bit lines per array: 256 x 256-bit (8 KB) arrays as in Neural Cache (ISCA 2018)", true);
        p(m, "pim_clock_ghz", 1.8, "the CMN-600 mesh of an N1 system runs at 1.8 GHz (Chips and Cheese, 'Deep Diving Neoverse N1', 2021)", true);
        p(m, "acc_bits", 32, "accumulator width of a lookup-accumulate", true);
        p(m, "lookup_cycles", 1, "one table-row read plus one word-parallel shift-accumulate per cycle, pipelined, in each "
                + "accumulator-wide column group of an array", true);
        p(m, "build_cycles_per_entry", 1, "one add per table entry (each subset sum extends a smaller one), same datapath", true);
        p(m, "group", 4, "N_BW = 4 basis weights per table (the LUT Tensor Core's optimum; SAIL's value not given)", true);
        p(m, "symmetric_tables", 1, "sign-symmetric tables of 2^(g-1) entries (lut-pim brief §2.2) [1 = yes]", true);
        p(m, "activation_bits", 8, "INT8 activations from the in-memory type conversion (abstract); bit-serial over them", true);
        p(m, "convert_cycles_per_value", 1, "in-memory conversion of one FP activation to an integer (the abstract's in-memory "
                + "type conversion), one lane-cycle per value", true);
        p(m, "pattern_skip", Double.NaN, "fraction of lookups skipped by pattern-aware reuse; NaN = measured from the activations' "
                + "bit planes (the abstract's average cut is 13.8 %)", true);
        p(m, "dram_bytes_per_s", 204.8e9, "8 x DDR4-3200 = 204.8 GB/s (Graviton2 and Ampere Altra, AnandTech)", true);
        p(m, "cpu_int8_macs_per_cycle", 32, "Neoverse-N1: two 128-bit SIMD pipes, SDOT 16 INT8 MACs each (Arm N1 optimization "
                + "guide; LLVM AArch64SchedNeoverseN1.td for the pipes)", true);
        p(m, "cpu_fp16_flops_per_cycle", 32, "Neoverse-N1: two 128-bit FMLA pipes x 8 FP16 lanes x 2", true);
        p(m, "cpu_efficiency", 0.5, "fraction of the vector peak a CPU GEMV/GEMM kernel sustains (llama.cpp-class)", true);
        p(m, "cpu_unpack_ops_per_weight", 2, "byte-lane operations per low-bit weight to unpack and scale it (once per step; the unpacking runs on the same 32 byte lanes per cycle as the dot products)", true);
        p(m, "cpu_dollars_per_hour", 2.176, "AWS c6g.16xlarge (64 Graviton2 vCPUs) on-demand, us-east-1, "
                + "https://aws.amazon.com/ec2/pricing/on-demand/", true);
        p(m, "hw_overhead", 0.02, "SAIL's hardware overhead, 2 % (abstract); its cost taken as 2 % of the system price", false);
        p(m, "die_mm2", 400, "CPU die area the 2 % overhead is taken of; not public for an N1 system (order of magnitude of a "
                + "64-core server die)", true);
        p(m, "gpu_dollars_per_hour", 3.06, "AWS p3.2xlarge (1 x V100 16 GB) on-demand, us-east-1", true);
        p(m, "gpu_weight_bits", 16, "the V100 runs FP16 weights (no low-bit tensor path on Volta)", true);
        p(m, "gpu_efficiency", 1.0, "the V100 roofline is ideal (an upper bound for the GPU)", true);
        p(m, "sram_pj_per_lookup", 2.0, "one 32-bit SRAM row read + add: Horowitz ISSCC 2014 (45 nm: 8 KB SRAM 64-bit read 10 pJ, "
                + "32-bit add 0.1 pJ) scaled by 0.2 for a 32-bit word at a shorter bit line", true);
        p(m, "dram_pj_per_bit", 20.0, "DDR4 about 20 pJ/bit (O'Connor et al., MICRO 2017)", true);
        PARAMS = java.util.Collections.unmodifiableMap(m);
    }

    public SailSpec {
        Map<String, Double> v = new LinkedHashMap<>();
        for (Param p : PARAMS.values()) v.put(p.key(), p.value());
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!PARAMS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown SAIL parameter '" + e.getKey() + "' (known: " + String.join(", ", PARAMS.keySet()) + ")");
            }
            v.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : v.entrySet()) {
            double x = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "pattern_skip" -> Double.isNaN(x) || (x >= 0 && x < 1);
                case "hw_overhead", "cpu_unpack_ops_per_weight", "sram_pj_per_lookup", "dram_pj_per_bit", "symmetric_tables" -> x >= 0;
                case "cpu_efficiency", "gpu_efficiency" -> x > 0 && x <= 1;
                default -> x > 0;
            };
            if (!ok) throw new IllegalArgumentException("SAIL parameter " + e.getKey() + " = " + x + " is out of range");
        }
        for (String w : new String[]{"cores", "llc_slices", "arrays_per_slice", "array_cols", "acc_bits", "activation_bits", "gpu_weight_bits"}) {
            double x = v.get(w);
            if (x != Math.rint(x) || x < 1 || x > 1e9) throw new IllegalArgumentException("SAIL parameter " + w + " = " + x + " must be a whole number >= 1");
        }
        if (v.get("activation_bits") > 16) throw new IllegalArgumentException("SAIL parameter activation_bits = " + v.get("activation_bits") + " must be at most 16");
        if (v.get("gpu_weight_bits") > 16) throw new IllegalArgumentException("SAIL parameter gpu_weight_bits = " + v.get("gpu_weight_bits") + " must be at most 16");
        if (v.get("acc_bits") > v.get("array_cols")) {
            throw new IllegalArgumentException("SAIL parameter acc_bits = " + v.get("acc_bits") + " is wider than an array (array_cols = " + v.get("array_cols") + ")");
        }
        int g = (int) Math.round(v.get("group"));
        if (g < 1 || g > 8 || g != v.get("group")) throw new IllegalArgumentException("SAIL parameter group = " + v.get("group") + " must be a whole number from 1 to 8");
        values = java.util.Collections.unmodifiableMap(v);
    }

    public static SailSpec preset() { return new SailSpec("sail", Map.of()); }

    public double get(String key) {
        Double x = values.get(key);
        if (x == null) throw new IllegalArgumentException("no SAIL parameter " + key);
        return x;
    }

    public SailSpec with(String key, double value) {
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put(key, value);
        return new SailSpec(name, v);
    }

    public SailSpec scaled(String key, DoubleUnaryOperator f) { return with(key, f.applyAsDouble(get(key))); }

    public long arrays() { return Math.round(get("llc_slices") * get("arrays_per_slice")); }

    /** Lookup-accumulates per PIM cycle over all arrays. */
    public double lookupsPerCycle() { return arrays() * Math.floor(get("array_cols") / get("acc_bits")) / get("lookup_cycles"); }

    /** Every parameter, its value and its source, assumptions marked. */
    public Map<String, String> assumptions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Param p : PARAMS.values()) {
            double x = values.get(p.key());
            String shown = Double.isNaN(x) ? "measured" : String.format(Locale.ROOT, "%.6g", x);
            String dflt = Double.isNaN(p.value()) ? "measured" : String.format(Locale.ROOT, "%.6g", p.value());
            m.put(p.key(), shown + (x == p.value() || (Double.isNaN(x) && Double.isNaN(p.value())) ? "" : " (default " + dflt + ")")
                    + " — " + (p.assumption() ? "[assumption] " : "") + p.source());
        }
        return m;
    }

    /** The V100 of the device catalog (bandwidth, dense FP16 peak) for the cost comparison. */
    public static einsim.arch.device.Device v100() { return DeviceCatalog.resolve("nvidia_V100"); }
}
