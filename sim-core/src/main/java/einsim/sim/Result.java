package einsim.sim;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a workload on a unit (design document "Results"), versioned.
 *
 * @param cycles        end-to-end cycles, stalls included
 * @param stallCycles   cycles the compute waited for memory
 * @param seconds       cycles / clock
 * @param readsWords    words read, per memory level and operand ({@code sram.ifmap}, {@code dram.filter}, ...)
 * @param writesWords   words written, likewise
 * @param energyPjByAction energy per action, pJ
 * @param utilization   fraction of PE-cycles doing useful work, 0-1
 * @param mappingEfficiency fraction of PEs mapped, averaged over folds, 0-1
 */
public record Result(int schemaVersion, String unit, Fidelity fidelity, long cycles, long stallCycles,
                     long computeCycles, double seconds, Map<String, Long> readsWords, Map<String, Long> writesWords,
                     Map<String, Double> energyPjByAction, double energyPj, double areaUm2, double utilization,
                     double mappingEfficiency, List<String> warnings) {
    public static final int SCHEMA_VERSION = 1;

    public Result {
        readsWords = Map.copyOf(readsWords);
        writesWords = Map.copyOf(writesWords);
        energyPjByAction = Map.copyOf(energyPjByAction);
        warnings = List.copyOf(warnings);
    }
}
