package einsim.arch.lut;

import einsim.arch.device.DeviceCatalog;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An A100-like GPU whose tensor units are LUT Tensor Core arrays or MAC (dequantize, then multiply-accumulate) arrays
 * (lut-pim brief §3.5, §5.1). Immutable; validated on construction. Every number that the paper does not give is a
 * named assumption listed by {@link #assumptions()}.
 *
 * @param sms                 streaming multiprocessors (A100: 108)
 * @param unitsPerSm          tensor units per SM (A100: 4)
 * @param clockGhz            core clock, GHz (A100 boost: 1.41)
 * @param arrayMultiple       tensor-unit size as a multiple of the A100 FP16 array (M·N·K = 512 operations per cycle
 *                            at the quoted precision; the paper's "LUT-4X" is 4)
 * @param dramBytesPerS       off-chip bandwidth, bytes/s
 * @param l2BytesPerCycle     L2 → SM bandwidth, bytes per cycle (whole chip)
 * @param cudaOpsPerCyclePerSm FP16 operations per cycle per SM on the CUDA cores (precompute, dequantization)
 * @param ctaM                thread-block tile rows (tokens); @param ctaN thread-block tile columns; @param ctaK k chunk
 * @param precompute          LUT table precompute: fused into the preceding element-wise operator, or its own kernel
 * @param tablesInt8          LUT tables quantized to INT8 (brief §2.3) instead of stored at the activation's width
 * @param dramPjPerBit        off-chip energy, pJ per bit moved
 * @param cudaOpPj            energy of one FP16 operation on the CUDA cores, pJ
 * @param efficiency          fraction of the ideal compute rate a kernel reaches (1 = ideal; brief §6.1 row 11)
 */
public record LutGpuSpec(String name, Kind kind, int sms, int unitsPerSm, double clockGhz, int arrayMultiple,
                         double dramBytesPerS, double l2BytesPerCycle, double cudaOpsPerCyclePerSm, int ctaM, int ctaN,
                         int ctaK, Precompute precompute, boolean tablesInt8, double dramPjPerBit, double cudaOpPj,
                         double efficiency, ComponentTech tech, Map<String, String> provenance) {
    public enum Kind { LUT, MAC }

    public enum Precompute {
        FUSED, SEPARATE;

        public static Precompute parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "fused" -> FUSED;
                case "separate", "unfused" -> SEPARATE;
                default -> throw new IllegalArgumentException("precompute '" + s + "' must be fused or separate");
            };
        }
    }

    public LutGpuSpec {
        positive("sms", sms);
        positive("units_per_sm", unitsPerSm);
        positive("clock_ghz", clockGhz);
        positive("array_multiple", arrayMultiple);
        positive("dram_bytes_per_s", dramBytesPerS);
        positive("l2_bytes_per_cycle", l2BytesPerCycle);
        positive("cuda_ops_per_cycle_per_sm", cudaOpsPerCyclePerSm);
        positive("cta_m", ctaM);
        positive("cta_n", ctaN);
        positive("cta_k", ctaK);
        if (!(dramPjPerBit >= 0) || !(cudaOpPj >= 0)) throw new IllegalArgumentException("energies must be >= 0 pJ");
        if (!(efficiency > 0 && efficiency <= 1)) throw new IllegalArgumentException("efficiency " + efficiency + " must be in (0, 1]");
        provenance = Map.copyOf(provenance);
    }

    private static void positive(String field, double v) {
        if (!(v > 0)) throw new IllegalArgumentException(field + " = " + v + " must be > 0");
    }

    public static final String A100 = "NVIDIA A100 whitepaper (2020): 108 SMs, 4 third-generation tensor cores per SM, 1410 MHz "
            + "boost; the paper's Accel-Sim log (lut-pim brief §3.5) uses the same";

    /** The presets {@code lut-tensor-core} and {@code mac-tensor-core}. */
    public static LutGpuSpec preset(String name) {
        Kind kind = switch (name.toLowerCase(Locale.ROOT)) {
            case "lut-tensor-core" -> Kind.LUT;
            case "mac-tensor-core" -> Kind.MAC;
            default -> throw new IllegalArgumentException("unknown GPU preset '" + name + "' (known: lut-tensor-core, mac-tensor-core)");
        };
        double bw = DeviceCatalog.resolve("nvidia_A100").bandwidthBytesPerS();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sms", A100);
        p.put("units_per_sm", A100);
        p.put("clock_ghz", A100 + "; the paper normalizes tensor-core clocks to 1.41 GHz (Table 1)");
        p.put("array_multiple", "1 = the A100 FP16 array (M·N·K = 512 per cycle); the paper's Table 1 runs 4 and 8 (--array-multiple)");
        p.put("dram_bytes_per_s", "device catalog nvidia_A100 (A100 40 GB HBM2, 1555 GB/s); not in the paper [assumption]");
        p.put("l2_bytes_per_cycle", "NVIDIA A100 whitepaper: L2 read bandwidth 5120 bytes/clk [assumption: sustained]");
        p.put("cuda_ops_per_cycle_per_sm", "NVIDIA A100 whitepaper: peak FP16 (non-tensor) 78 TFLOPS = 108 SMs x 512 FLOP/clk at 1.41 GHz, i.e. 256 "
                + "half-precision operations (an add, or an FMA counted once) per clock");
        p.put("cta_m", "the paper's W_INT1A_INT8 kernel tiles thread blocks [128, 512, 32] (§4.3, lut-pim brief §3.5); used for every kernel [assumption]");
        p.put("cta_n", p.get("cta_m"));
        p.put("cta_k", p.get("cta_m"));
        p.put("precompute", "fused into the preceding element-wise operator (paper §3.1.1, Table 4)");
        p.put("tables_int8", "FP16 tables as the released RTL stores them (brief §2.3)");
        p.put("dram_pj_per_bit", "HBM2 3.9 pJ/bit: O'Connor et al., Fine-Grained DRAM, MICRO 2017, Table 1 [assumption: not in the paper]");
        p.put("cuda_op_pj", "FP16 add 0.4 pJ at 45 nm (Horowitz, ISSCC 2014) x 28/45 as ComponentTech scales [assumption: CUDA-core energy = adder energy]");
        p.put("efficiency", "1 = ideal; the Accel-Sim log of the paper reaches 0.815 of ideal (brief §6.1 row 11)");
        return new LutGpuSpec(name.toLowerCase(Locale.ROOT), kind, 108, 4, 1.41, 1, bw, 5120, 256, 128, 512, 32,
                Precompute.FUSED, false, 3.9, 0.4 * ComponentTech.ENERGY_45_TO_28, 1.0, ComponentTech.tsmc28(), p);
    }

    public int units() { return sms * unitsPerSm; }

    public LutGpuSpec withUnits(int units) {
        if (units < 1) throw new IllegalArgumentException("units " + units + " must be >= 1");
        if (units % unitsPerSm != 0) {
            return new LutGpuSpec(name, kind, units, 1, clockGhz, arrayMultiple, dramBytesPerS, l2BytesPerCycle,
                    cudaOpsPerCyclePerSm / unitsPerSm, ctaM, ctaN, ctaK, precompute, tablesInt8, dramPjPerBit, cudaOpPj, efficiency, tech, provenance);
        }
        return new LutGpuSpec(name, kind, units / unitsPerSm, unitsPerSm, clockGhz, arrayMultiple, dramBytesPerS, l2BytesPerCycle,
                cudaOpsPerCyclePerSm, ctaM, ctaN, ctaK, precompute, tablesInt8, dramPjPerBit, cudaOpPj, efficiency, tech, provenance);
    }

    public LutGpuSpec with(int arrayMultiple, Precompute precompute, boolean tablesInt8, double efficiency) {
        return new LutGpuSpec(name, kind, sms, unitsPerSm, clockGhz, arrayMultiple, dramBytesPerS, l2BytesPerCycle,
                cudaOpsPerCyclePerSm, ctaM, ctaN, ctaK, precompute, tablesInt8, dramPjPerBit, cudaOpPj, efficiency, tech, provenance);
    }

    /** Every parameter with its value and where it came from, for the report. */
    public Map<String, String> assumptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sms", sms + " — " + provenance.getOrDefault("sms", ""));
        m.put("units_per_sm", unitsPerSm + " — " + provenance.getOrDefault("units_per_sm", ""));
        m.put("clock_ghz", clockGhz + " — " + provenance.getOrDefault("clock_ghz", ""));
        m.put("array_multiple", arrayMultiple + " — " + provenance.getOrDefault("array_multiple", ""));
        m.put("dram_bytes_per_s", String.format(Locale.ROOT, "%.4g", dramBytesPerS) + " — " + provenance.getOrDefault("dram_bytes_per_s", ""));
        m.put("l2_bytes_per_cycle", l2BytesPerCycle + " — " + provenance.getOrDefault("l2_bytes_per_cycle", ""));
        m.put("cuda_ops_per_cycle_per_sm", cudaOpsPerCyclePerSm + " — " + provenance.getOrDefault("cuda_ops_per_cycle_per_sm", ""));
        m.put("cta", ctaM + "x" + ctaN + "x" + ctaK + " — " + provenance.getOrDefault("cta_m", ""));
        m.put("split_k", "thread blocks split K until every SM has one when the tile grid is smaller than the GPU [assumption]");
        m.put("l2_reuse", "DRAM moves each operand once (L2 captures the reuse between thread blocks) [assumption]");
        if (kind == Kind.LUT) {
            m.put("precompute", precompute.name().toLowerCase(Locale.ROOT) + " — " + provenance.getOrDefault("precompute", ""));
            m.put("tables_int8", tablesInt8 + " — " + provenance.getOrDefault("tables_int8", ""));
            m.put("precompute_ops", "8 FP16 adds per 8-entry table on the CUDA cores (each entry from a stored one, sign-symmetric) [assumption]");
            m.put("attention", "the products of attention with the FP16 KV cache run on the CUDA cores (a LUT-only tensor unit has no FP16xFP16 path) [assumption]");
        } else {
            m.put("dequantization", "2 CUDA-core operations per weight per thread block (unpack + scale), overlapped with the MMA [assumption]");
            m.put("fp8", "A100 has no FP8 tensor path: FP8 activations run at the FP16 rate [assumption]");
        }
        m.put("dram_pj_per_bit", dramPjPerBit + " — " + provenance.getOrDefault("dram_pj_per_bit", ""));
        m.put("cuda_op_pj", cudaOpPj + " — " + provenance.getOrDefault("cuda_op_pj", ""));
        m.put("efficiency", efficiency + " — " + provenance.getOrDefault("efficiency", ""));
        m.put("tensor_unit_ppa", "28 nm component model (ComponentTech.tsmc28), per-unit power at 1 GHz taken as pJ per cycle");
        return m;
    }
}
