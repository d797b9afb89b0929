package einsim.mappers.map;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An architecture as the mapper sees it: a chain of storage levels (index 0 = the per-PE storage, the last = DRAM,
 * unbounded), a PE mesh between level 1 and level 0, and per-action energies. Immutable; validated when built.
 *
 * @param levels      innermost first
 * @param meshX       PEs along X (rows of a systolic array)
 * @param meshY       PEs along Y (columns)
 * @param systolic    true: each pass over the array costs 2·X + Y − 2 fill/drain cycles on top of its steps (the
 *                    systolic model's fold time 2R + C + T − 2); false: perfectly pipelined (Timeloop's convention)
 * @param macEnergyPj energy of one MAC (one iteration-space point)
 * @param peAreaUm2   area of one PE (arithmetic only; storage areas are per level)
 * @param sources     where each number comes from, by field
 */
public record MapArch(String name, double clockHz, List<Level> levels, int meshX, int meshY, boolean systolic,
                      double macEnergyPj, double peAreaUm2, Map<String, String> sources) {

    /**
     * One storage level.
     *
     * @param capacityBytes          per instance (level 0: per PE); {@link Long#MAX_VALUE} for DRAM
     * @param tensorCapacityBytes    optional per-tensor partitions (SCALE-Sim's ifmap/filter/ofmap SRAMs), by tensor
     *                               name; a tensor without an entry shares {@code capacityBytes}
     * @param bandwidthWordsPerCycle words moved per cycle over all instances; infinite = unlimited
     * @param duplex                 true: reads and writes each have the full bandwidth (separate links); false:
     *                               they share it
     * @param readPj                 energy of one read access of {@code wordsPerAccess} words
     * @param writePj                energy of one write access
     * @param wordsPerAccess         words one access moves (FuseMax's DRAM: 4 values per 64-bit access)
     * @param keeps                  tensors this level may hold; null = every tensor
     * @param areaUm2                area of one instance
     */
    public record Level(String name, long capacityBytes, Map<String, Long> tensorCapacityBytes, double bandwidthWordsPerCycle,
                        boolean duplex, double readPj, double writePj, int wordsPerAccess, Set<String> keeps, double areaUm2) {
        public Level {
            tensorCapacityBytes = tensorCapacityBytes == null ? Map.of() : Map.copyOf(tensorCapacityBytes);
            keeps = keeps == null ? null : Set.copyOf(keeps);
            if (capacityBytes < 1) throw new MapperException("level " + name + ": capacity " + capacityBytes + " B", "capacities are at least 1 byte");
            if (!(bandwidthWordsPerCycle > 0)) throw new MapperException("level " + name + ": bandwidth " + bandwidthWordsPerCycle, "bandwidth must be > 0 (or unlimited)");
            if (readPj < 0 || writePj < 0) throw new MapperException("level " + name + ": negative energy", "energies are ≥ 0 pJ");
            if (wordsPerAccess < 1) throw new MapperException("level " + name + ": words_per_access " + wordsPerAccess, "at least 1");
        }

        public boolean unbounded() { return capacityBytes == Long.MAX_VALUE; }

        public boolean mayKeep(String tensor) { return keeps == null || keeps.contains(tensor); }

        /** Bytes available to {@code tensor}: its partition when it has one, else the shared capacity. */
        public long capacityFor(String tensor) { return tensorCapacityBytes.getOrDefault(tensor, capacityBytes); }
    }

    public MapArch {
        levels = List.copyOf(levels);
        sources = Map.copyOf(sources);
        if (levels.size() < 2) throw new MapperException(name + ": " + levels.size() + " storage level(s)", "give at least the PE level and DRAM");
        if (!levels.get(levels.size() - 1).unbounded()) {
            throw new MapperException(name + ": the outermost level " + levels.get(levels.size() - 1).name() + " has a capacity",
                    "the outermost level (DRAM) holds every tensor: leave its capacity out");
        }
        if (meshX < 1 || meshY < 1) throw new MapperException(name + ": mesh " + meshX + "×" + meshY, "the PE mesh is at least 1×1");
        if (!(clockHz > 0)) throw new MapperException(name + ": clock " + clockHz + " Hz", "the clock must be > 0");
        if (macEnergyPj < 0) throw new MapperException(name + ": MAC energy " + macEnergyPj, "energies are ≥ 0 pJ");
    }

    public long pes() { return (long) meshX * meshY; }

    /** Fill and drain cycles of one pass over a systolic array; 0 when pipelined. */
    public long fillDrainCycles() { return systolic ? 2L * meshX + meshY - 2 : 0; }

    /** PEs (with their level-0 storage) plus one instance of every other on-chip level, µm². */
    public double areaUm2() {
        double a = pes() * (peAreaUm2 + levels.get(0).areaUm2());
        for (int i = 1; i < levels.size() - 1; i++) a += levels.get(i).areaUm2();
        return a;
    }
}
