package einsim.mappers.map;

import einsim.workloads.BundledCascades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapperSearchTest {
    /** A small 3-level chip: 4×4 PEs with 16-B registers, a 2 KiB buffer at 8 words/cycle, DRAM at 2 words/cycle. */
    static MapArch small() {
        return new MapArch("small", 1e9, List.of(
                new MapArch.Level("PE", 16, Map.of(), Double.POSITIVE_INFINITY, false, 0.1, 0.1, 1, null, 10),
                new MapArch.Level("Buffer", 2048, Map.of(), 8, false, 2, 2, 1, null, 1000),
                new MapArch.Level("DRAM", Long.MAX_VALUE, Map.of(), 2, false, 100, 100, 1, null, 0)),
                4, 4, false, 1, 100, Map.of("all", "test values"));
    }

    /** The minimum over every point of the space, without pruning or canonical orders. */
    static double bruteForce(Mapspace s, Objective o) {
        CostModel cm = new CostModel(s.workload(), s.arch());
        int[] p = new int[s.pointLength()];
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            best = Math.min(best, s.meshOk(p) ? cm.objective(s.decode(p), o) : Double.POSITIVE_INFINITY);
            int i = p.length - 1;
            while (i >= 0 && ++p[i] >= s.radix(i)) p[i--] = 0;
            if (i < 0) return best;
        }
    }

    @Test
    void exhaustiveFindsTheOptimumOfTheWholeSpace() {
        for (Objective o : Objective.values()) {
            Mapspace s = new Mapspace(Workload.gemm(8, 4, 6, 1), small(), Mapspace.Constraints.none());
            MapperDriver.Outcome out = MapperDriver.run(s, SearchStrategy.create("exhaustive", s, o, 1),
                    new MapperDriver.Options(o, 0, 1, null, 0, null));
            assertTrue(out.exhausted());
            assertEquals(bruteForce(s, o), out.cost().objective(o), 0, o.name());
            assertTrue(out.evaluated() < s.size() / 4, "pruning and canonical orders skip most points: " + out.evaluated() + " of " + s.size());
        }
    }

    @Test
    void annealAndRandomReachTheOptimumOfASmallSpace() {
        Mapspace s = new Mapspace(Workload.gemm(8, 4, 6, 1), small(), Mapspace.Constraints.none());
        double opt = bruteForce(s, Objective.EDP);
        for (String st : new String[]{"anneal", "random"}) {
            // one thread: the same seed gives the same search
            MapperDriver.Outcome out = MapperDriver.run(s, SearchStrategy.create(st, s, Objective.EDP, 42),
                    new MapperDriver.Options(Objective.EDP, 20, 1, null, 200_000, null));
            assertEquals(opt, out.cost().objective(Objective.EDP), opt * 1e-9, st);
        }
    }

    @Test
    void anInterruptedSearchResumesFromItsCheckpoint(@TempDir Path dir) throws Exception {
        Mapspace s = new Mapspace(Workload.gemm(32, 16, 24, 1), small(), Mapspace.Constraints.none());
        MapperDriver.Outcome whole = MapperDriver.run(s, SearchStrategy.create("exhaustive", s, Objective.EDP, 1),
                new MapperDriver.Options(Objective.EDP, 0, 2, null, 0, null));
        Path ck = dir.resolve("search.json");
        MapperDriver.Outcome first = MapperDriver.run(s, SearchStrategy.create("exhaustive", s, Objective.EDP, 1),
                new MapperDriver.Options(Objective.EDP, 0, 2, ck, whole.evaluated() / 3, null));
        assertFalse(first.exhausted());
        assertTrue(Files.readString(ck).contains("\"cursor\""));
        MapperDriver.Outcome rest = MapperDriver.run(s, SearchStrategy.create("exhaustive", s, Objective.EDP, 1),
                new MapperDriver.Options(Objective.EDP, 0, 2, ck, 0, null));
        assertTrue(rest.resumed() && rest.exhausted());
        assertEquals(whole.cost().objective(Objective.EDP), rest.cost().objective(Objective.EDP), 0);
        assertEquals(whole.evaluated(), rest.evaluated(), "the resumed search evaluates each point once");
        // a checkpoint of another search is refused
        Mapspace other = new Mapspace(Workload.gemm(32, 16, 8, 1), small(), Mapspace.Constraints.none());
        MapperException e = assertThrows(MapperException.class, () -> MapperDriver.run(other, SearchStrategy.create("exhaustive", other,
                Objective.EDP, 1), new MapperDriver.Options(Objective.EDP, 0, 1, ck, 0, null)));
        assertTrue(e.getMessage().contains("another search"), e.getMessage());
    }

    @Test
    void costInvariantsHoldOnRandomValidMappings() {
        Random rnd = new Random(5);
        Mapspace s = new Mapspace(Workload.gemm(64, 48, 32, 2), small(), Mapspace.Constraints.none());
        CostModel cm = new CostModel(s.workload(), s.arch());
        int checked = 0;
        for (int i = 0; i < 20_000 && checked < 2000; i++) {
            int[] p = new int[s.pointLength()];
            for (int j = 0; j < p.length; j++) p[j] = rnd.nextInt(s.radix(j));
            Cost c = cm.evaluate(s.decode(p));
            if (!c.valid()) continue;
            checked++;
            // every input element leaves DRAM at least once, every output element is written once
            assertTrue(c.reads(2, 0) >= 64 * 32 && c.reads(2, 1) >= 32 * 48, "compulsory reads");
            assertTrue(c.writes(2, 2) >= 64 * 48);
            assertEquals(c.writes(2, 2) - 64 * 48, c.reads(2, 2), "partial sums read back = written − first writes");
            assertTrue(c.cycles() >= 64L * 48 * 32 / 16, "no faster than the mesh");
            assertTrue(c.utilization() > 0 && c.utilization() <= 1);
            assertTrue(c.energyPj() >= s.energyFloorPj() - 1e-6);
        }
        assertTrue(checked >= 500, "valid samples " + checked);
    }

    @Test
    void aConvolutionMapsWithItsSlidingWindow() {
        Workload w = Workload.of(BundledCascades.load("conv2d"), null, Map.of("N", 1L, "C", 4L, "K", 8L, "P", 6L, "Q", 6L, "R", 3L, "S", 3L));
        assertEquals(7, w.dims().size());
        Workload.Tensor in = w.tensors().get(0);
        long[] ext = new long[7];
        for (int d = 0; d < 7; d++) ext[d] = w.sizes()[d];
        assertEquals(1L * 4 * 8 * 8, in.footprint(ext), "input tile: (P−1)+R = 8 rows and columns");
        Mapspace s = new Mapspace(w, small(), new Mapspace.Constraints(null, null, null, Map.of(), 0.5));
        MapperDriver.Outcome out = MapperDriver.run(s, SearchStrategy.create("anneal", s, Objective.EDP, 3),
                new MapperDriver.Options(Objective.EDP, 10, 1, null, 50_000, null));
        assertNotNull(out.best());
        assertTrue(out.cost().valid() && out.cost().utilization() >= 0.5 * 0.9, out.cost().toString());
    }

    @Test
    void aFixedLoopOrderIsHonoured() {
        Mapspace s = new Mapspace(Workload.gemm(8, 4, 6, 1), small(), new Mapspace.Constraints(null, null, null, Map.of(), 0,
                Map.of("DRAM", "NKM", "Buffer", "KMN")));
        MapperDriver.Outcome out = MapperDriver.run(s, SearchStrategy.create("exhaustive", s, Objective.EDP, 1),
                new MapperDriver.Options(Objective.EDP, 0, 1, null, 0, null));
        assertTrue(java.util.Arrays.equals(out.best().order()[2], new int[]{1, 2, 0}));
        assertTrue(java.util.Arrays.equals(out.best().order()[1], new int[]{2, 0, 1}));
        assertTrue(out.cost().objective(Objective.EDP) >= bruteForce(new Mapspace(Workload.gemm(8, 4, 6, 1), small(), Mapspace.Constraints.none()),
                Objective.EDP));
        MapperException e = assertThrows(MapperException.class, () -> new Mapspace(Workload.gemm(8, 4, 6, 1), small(),
                new Mapspace.Constraints(null, null, null, Map.of(), 0, Map.of("DRAM", "NKK"))));
        assertTrue(e.getMessage().contains("not an order of MNK"), e.getMessage());
    }

    @Test
    void badConstraintsSayWhatIsWrong() {
        MapperException e = assertThrows(MapperException.class, () -> new Mapspace(Workload.gemm(16, 8, 12, 1), small(),
                new Mapspace.Constraints(null, null, null, Map.of("Bufer.M", 4L), 0)));
        assertTrue(e.getMessage().contains("no level 'Bufer'") && e.getMessage().contains("Maybe"), e.getMessage());
        e = assertThrows(MapperException.class, () -> new Mapspace(Workload.gemm(16, 8, 12, 1), small(),
                new Mapspace.Constraints(null, null, null, Map.of("X.M", 3L), 0)));
        assertTrue(e.getMessage().contains("no factorization of M=16"), e.getMessage());
        e = assertThrows(MapperException.class, () -> new Mapspace(Workload.gemm(16, 8, 12, 1), small(),
                new Mapspace.Constraints("xs", null, null, Map.of(), 0)));
        assertTrue(e.getMessage().contains("unknown dataflow"), e.getMessage());
    }
}
