package einsim.arch.compute.systolic;

import einsim.arch.device.Provenance;

import java.util.Map;

/**
 * A 2-D systolic array with its three SRAM buffers and the memory interface (SCALE-Sim's model).
 *
 * @param rows                PE rows (SCALE-Sim ArrayHeight)
 * @param cols                PE columns (ArrayWidth)
 * @param ifmapSramWords      input buffer, words (SCALE-Sim IfmapSramSzkB × 1024; one word is one byte there)
 * @param ifmapOffset         address base of the input operand (only changes which addresses are idle, −1)
 * @param userBandwidth       true: a fixed DRAM bandwidth ({@code bandwidthWordsPerCycle}); false: SCALE-Sim's CALC
 * @param clockGhz            clock, for seconds and bandwidth in bytes/s
 * @param wordBytes           bytes per word
 * @param energyPjPerAction   energy per action: {@code mac}, {@code sram_read}, {@code sram_write}, {@code dram_read},
 *                            {@code dram_write}
 * @param areaUm2             area: {@code pe} (µm² per PE) and {@code sram_byte} (µm² per byte of buffer); empty when
 *                            unknown
 */
public record SystolicArraySpec(String name, int rows, int cols, Dataflow dataflow, long ifmapSramWords,
                                long filterSramWords, long ofmapSramWords, long ifmapOffset, long filterOffset,
                                long ofmapOffset, boolean userBandwidth, long bandwidthWordsPerCycle, double clockGhz,
                                int wordBytes, Map<String, Double> energyPjPerAction, Provenance provenance,
                                Map<String, Double> areaUm2) {
    public SystolicArraySpec {
        energyPjPerAction = Map.copyOf(energyPjPerAction);
        areaUm2 = Map.copyOf(areaUm2);
    }

    /** PEs plus the three buffers, µm²; NaN when the spec gives no area. */
    public double totalAreaUm2() {
        if (!areaUm2.containsKey("pe") || !areaUm2.containsKey("sram_byte")) return Double.NaN;
        double bytes = (double) (ifmapSramWords + filterSramWords + ofmapSramWords) * wordBytes;
        return (double) rows * cols * areaUm2.get("pe") + bytes * areaUm2.get("sram_byte");
    }
}
