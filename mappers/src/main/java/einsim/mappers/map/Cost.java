package einsim.mappers.map;

import java.util.List;

/**
 * The cost of one mapping (the {@link CostModel}'s answer). Counts are words (elements) per level and tensor.
 *
 * @param valid         false when the mapping breaks a rule (then {@code reason} says which)
 * @param cycles        max(compute cycles, every level's transfer cycles at its bandwidth)
 * @param computeCycles temporal steps (plus fill/drain per pass on a systolic array)
 * @param energyPj      MACs plus every level's reads and writes at their per-access energy
 * @param utilization   useful MACs / (cycles · PEs), 0–1
 * @param reads         reads[level][tensor], words (to the level below, or to the PEs)
 * @param writes        writes[level][tensor], words (fills from above, updates from below)
 * @param boundBy       "compute" or the name of the level whose bandwidth sets the cycles
 */
public record Cost(boolean valid, String reason, long cycles, long computeCycles, double energyPj, double utilization,
                   long[][] reads, long[][] writes, long macs, String boundBy) {

    public static Cost invalid(String reason) {
        return new Cost(false, reason, Long.MAX_VALUE, Long.MAX_VALUE, Double.POSITIVE_INFINITY, 0, new long[0][], new long[0][], 0, "");
    }

    public double objective(Objective o) { return valid ? o.of(cycles, energyPj) : Double.POSITIVE_INFINITY; }

    public long reads(int level, int tensor) { return reads[level][tensor]; }

    public long writes(int level, int tensor) { return writes[level][tensor]; }

    /** Words read plus written at a level, over all tensors. */
    public long traffic(int level) {
        long s = 0;
        for (int t = 0; t < reads[level].length; t++) s += reads[level][t] + writes[level][t];
        return s;
    }

    /** A readable table of the accesses, one row per level. */
    public String table(Workload w, MapArch a) {
        StringBuilder sb = new StringBuilder();
        List<Workload.Tensor> ts = w.tensors();
        for (int l = a.levels().size() - 1; l >= 0; l--) {
            sb.append(String.format("  %-14s", a.levels().get(l).name()));
            for (int t = 0; t < ts.size(); t++) {
                sb.append(String.format("  %s r=%,d w=%,d", ts.get(t).name(), reads[l][t], writes[l][t]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
