package einsim.reports.roofline;

import einsim.arch.device.Device;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;

import java.util.List;

/**
 * A roofline analysis of one model on one device: per-operator results for one block (and the head), network
 * totals, memory consumption and warnings.
 *
 * @param layers  the prefill step's operators for {@link Stage#GENERATE}
 */
public record RooflineResult(ModelConfig model, Device device, Stage stage, long seqlen, long promptLen, long genLen,
                             LlmOptions options, List<OpResult> layers, Totals total, Memory memory,
                             List<String> warnings) {

    /**
     * Network totals: Σ over block ops of value × repeat, in op order, then the head.
     *
     * @param timeS         sum of per-op times (no overlap across ops)
     * @param overlapTimeS  the whole-step view: max(ΣOPs / peak, Σbytes / bandwidth) (NaN in compatibility mode)
     * @param prefillTimeS  the prefill part of a generate task (NaN otherwise)
     */
    public record Totals(long ops, double memoryAccessBytes, double timeS, double loadWeightBytes, double loadActBytes,
                         double storeActBytes, double loadKvBytes, double storeKvBytes, double overlapTimeS,
                         double prefillTimeS) {}

    /**
     * Memory consumption, per device.
     *
     * @param tmpActBytes  activations: LLM-Viewer's sum of block outputs, or the liveness peak (corrected)
     * @param fitsInMemory total ≤ the device's capacity (true when the capacity is unknown)
     */
    public record Memory(double weightBytes, double kvCacheBytes, double tmpActBytes, double totalBytes,
                         double capacityBytes, boolean fitsInMemory) {}
}
