package einsim.arch.device;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device for roofline analysis: memory bandwidth, peak throughput per precision tier, the on-chip buffer that
 * sizes FlashAttention's blocks, memory capacity, and (for tensor parallelism) the per-direction link bandwidth.
 *
 * @param bandwidthBytesPerS    off-chip memory bandwidth, bytes/s
 * @param peakOpsPerS           dense peak per tier, OP/s (1 MAC = 2 OPs)
 * @param onchipBufferBytes     register-file total as LLM-Viewer sizes it, bytes
 * @param memoryCapacityBytes   device memory, bytes
 * @param interconnectBytesPerS per-direction device-to-device bandwidth, bytes/s; NaN when unknown
 * @param provenance            where the entry's numbers come from
 * @param fieldProvenance       per-field exceptions to {@code provenance}, by YAML field name
 */
public record Device(String key, String name, String category, double bandwidthBytesPerS,
                     Map<Precision, Double> peakOpsPerS, double onchipBufferBytes, double memoryCapacityBytes,
                     double interconnectBytesPerS, Provenance provenance, Map<String, Provenance> fieldProvenance) {
    public Device {
        peakOpsPerS = Collections.unmodifiableMap(new EnumMap<>(peakOpsPerS));
        fieldProvenance = Map.copyOf(fieldProvenance);
    }

    public Optional<Double> peak(Precision p) { return Optional.ofNullable(peakOpsPerS.get(p)); }

    /** The provenance of one YAML field ({@code bandwidth_bytes_per_s}, ...). */
    public Provenance provenanceOf(String field) { return fieldProvenance.getOrDefault(field, provenance); }

    /**
     * LLM-Viewer's peak pick (model_analyzer.py get_hardware_info at df2cba9): INT4 if the widest operand has at
     * most 4 bits and the device has an INT4 tier, else INT8 if at most 8 bits and an INT8 tier, else FP16.
     */
    public double peakLlmViewer(int maxBits) {
        if (maxBits <= 4 && peakOpsPerS.containsKey(Precision.INT4)) return peakOpsPerS.get(Precision.INT4);
        if (maxBits <= 8 && peakOpsPerS.containsKey(Precision.INT8)) return peakOpsPerS.get(Precision.INT8);
        return peakOpsPerS.get(Precision.FP16);
    }

    /**
     * einsim's pick for operands of {@code bits}: the narrowest tier that holds them (INT before FP at equal width,
     * as integer quantization is assumed), falling back to wider tiers; FP16 last.
     */
    public Precision tierFor(int bits) {
        if (bits <= 4) {
            if (peakOpsPerS.containsKey(Precision.INT4)) return Precision.INT4;
            if (peakOpsPerS.containsKey(Precision.FP4)) return Precision.FP4;
        }
        if (bits <= 8) {
            if (peakOpsPerS.containsKey(Precision.INT8)) return Precision.INT8;
            if (peakOpsPerS.containsKey(Precision.FP8)) return Precision.FP8;
        }
        return Precision.FP16;
    }

    public boolean hasInterconnect() { return !Double.isNaN(interconnectBytesPerS); }
}
