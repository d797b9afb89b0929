package einsim.mappers.fusemax;

import einsim.mappers.map.Cost;
import einsim.mappers.map.MapArch;
import einsim.mappers.map.MapArchFactory;
import einsim.mappers.map.MapperDriver;
import einsim.mappers.map.Mapspace;
import einsim.mappers.map.Objective;
import einsim.mappers.map.SearchStrategy;
import einsim.mappers.map.Workload;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One encoder layer's linear layers (Q, K and V projections, deprojection, FFN1, FFN2: brief §9) mapped by einsim's
 * mapper on the 2-D array of FuseMax's or FLAT's chip ({@link MapArchFactory#fuseMax2d}): each GEMM's best mapping
 * (energy-delay product; the weight-stationary, full-array space searched to the end), its cycles and energy.
 */
public final class LinearLayers {
    /** Totals over the six GEMMs. */
    public record Cost6(long cycles, double latencyS, double energyPj, double dramBytes) {}

    private static final Map<String, Cost> CACHE = new ConcurrentHashMap<>();

    private LinearLayers() {}

    public static Cost6 map(AttentionShape s, long seqLen, long batch, long arrayDim, boolean flatChip) {
        long m = Math.multiplyExact(batch, seqLen);
        long eh = s.e() * s.heads();
        long dm = s.dModel();
        long[][] gemms = {{m, eh, dm}, {m, eh, dm}, {m, eh, dm}, {m, dm, eh}, {m, s.ffn(), dm}, {m, dm, s.ffn()}};
        MapArch a = MapArchFactory.fuseMax2d(arrayDim, flatChip);
        long cycles = 0;
        double energy = 0;
        double dram = 0;
        for (long[] g : gemms) {
            Cost c = best(g[0], g[1], g[2], a);
            cycles += c.cycles();
            energy += c.energyPj();
            int dramLevel = a.levels().size() - 1;
            dram += 2.0 * c.traffic(dramLevel);
        }
        return new Cost6(cycles, cycles / a.clockHz(), energy, dram);
    }

    /** Z[m,n] = Σk A[k,m]·B[k,n], 2-byte values, on the arch: the best mapping's cost (cached per shape and chip). */
    static Cost best(long m, long n, long k, MapArch a) {
        String key = a.name() + "/" + a.meshX() + ":" + m + "x" + n + "x" + k;
        return CACHE.computeIfAbsent(key, x -> {
            Workload w = Workload.gemm(m, n, k, 2);
            Mapspace sp = new Mapspace(w, a, new Mapspace.Constraints("ws", null, null, Map.of(), fullMesh(w, a) ? 1.0 : 0.0));
            MapperDriver.Outcome o = MapperDriver.run(sp, SearchStrategy.create("exhaustive", sp, Objective.EDP, 1),
                    new MapperDriver.Options(Objective.EDP, 0, Runtime.getRuntime().availableProcessors(), null, 0, null));
            if (o.best() == null || !o.exhausted()) throw new IllegalStateException("no mapping of " + w + " on " + a.name());
            return o.cost();
        });
    }

    /** Whether the weight-stationary space can fill the mesh (K and N each divisible by a side). */
    private static boolean fullMesh(Workload w, MapArch a) {
        long n = w.sizes()[1];
        long k = w.sizes()[2];
        return k % a.meshX() == 0 && n % a.meshY() == 0;
    }

    static List<String> cachedKeys() { return List.copyOf(CACHE.keySet()); }
}
