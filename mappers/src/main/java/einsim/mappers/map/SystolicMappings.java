package einsim.mappers.map;

import einsim.arch.compute.systolic.Dataflow;
import einsim.arch.compute.systolic.Gemm;
import einsim.arch.compute.systolic.SystolicArraySpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A systolic array ({@link SystolicArraySpec}) as a mapper architecture, and the mapping the systolic model
 * ({@code NativeSchedule}, SCALE-Sim's fold order) uses for a GEMM, so the analytic cost model can be held to the
 * systolic model. Tensors are named as in {@link Workload#gemm}: A (ifmap, M×K), B (filter, K×N), Z (ofmap).
 */
public final class SystolicMappings {
    private SystolicMappings() {}

    /** PE registers (the stationary operand), the three SRAMs as partitions of one level, DRAM. */
    public static MapArch arch(SystolicArraySpec s) {
        String stationary = switch (s.dataflow()) {
            case WS -> "B";
            case OS -> "Z";
            case IS -> "A";
        };
        long wb = s.wordBytes();
        Map<String, Double> e = s.energyPjPerAction();
        MapArch.Level pe = new MapArch.Level("PE", wb, Map.of(), Double.POSITIVE_INFINITY, false, 0, 0, 1, Set.of(stationary), 0);
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("A", s.ifmapSramWords() * wb);
        parts.put("B", s.filterSramWords() * wb);
        parts.put("Z", s.ofmapSramWords() * wb);
        double sramArea = s.areaUm2().getOrDefault("sram_byte", 0.0) * (s.ifmapSramWords() + s.filterSramWords() + s.ofmapSramWords()) * wb;
        MapArch.Level sram = new MapArch.Level("SRAM", (s.ifmapSramWords() + s.filterSramWords() + s.ofmapSramWords()) * wb, parts,
                Double.POSITIVE_INFINITY, false, e.getOrDefault("sram_read", 0.0), e.getOrDefault("sram_write", 0.0), 1, null, sramArea);
        double bw = s.userBandwidth() && s.bandwidthWordsPerCycle() > 0 ? s.bandwidthWordsPerCycle() : Double.POSITIVE_INFINITY;
        MapArch.Level dram = new MapArch.Level("DRAM", Long.MAX_VALUE, Map.of(), bw, true, e.getOrDefault("dram_read", 0.0),
                e.getOrDefault("dram_write", 0.0), 1, null, 0);
        return new MapArch(s.name(), s.clockGhz() * 1e9, List.of(pe, sram, dram), s.rows(), s.cols(), true,
                e.getOrDefault("mac", 0.0), s.areaUm2().getOrDefault("pe", 0.0),
                Map.of("all", s.provenance().source() + " (" + s.provenance().kind() + ")"));
    }

    /**
     * The systolic model's mapping: the operands spread over rows and columns by the dataflow, the temporal operand
     * inside the PEs, column folds outermost, row folds inside them. Row folds sit at the SRAM (so the operand they do
     * not index is loaded once) when that operand fits in its SRAM, else at DRAM; the output stays in the SRAM when a
     * column fold's partial sums fit, else it bypasses the SRAM and its partial sums go to DRAM and back.
     */
    public static Mapping of(SystolicArraySpec s, Gemm g) {
        final int M = 0, N = 1, K = 2, A = 0, B = 1, Z = 2;
        long r = s.rows();
        long c = s.cols();
        long[][] f = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        long[] sx = {1, 1, 1};
        long[] sy = {1, 1, 1};
        int rowDim;
        int colDim;
        int tDim;
        boolean reusedFits;
        long outTile;
        switch (s.dataflow()) {
            case WS -> {
                rowDim = K; colDim = N; tDim = M;
                reusedFits = g.m() * g.k() <= s.ifmapSramWords();
                outTile = g.m() * c;
            }
            case OS -> {
                rowDim = M; colDim = N; tDim = K;
                reusedFits = g.m() * g.k() <= s.ifmapSramWords();
                outTile = r * c;
            }
            default -> {
                rowDim = K; colDim = M; tDim = N;
                reusedFits = g.k() * g.n() <= s.filterSramWords();
                outTile = c * g.n();
            }
        }
        long[] size = {g.m(), g.n(), g.k()};
        sx[rowDim] = Math.min(size[rowDim], r);
        sy[colDim] = Math.min(size[colDim], c);
        f[0][tDim] = size[tDim];
        long rf = ceilDiv(size[rowDim], r);
        long cf = ceilDiv(size[colDim], c);
        f[2][colDim] = cf;
        f[reusedFits ? 1 : 2][rowDim] = rf;
        int[] order = {colDim, rowDim, tDim};
        boolean psumsFit = s.dataflow() == Dataflow.OS || outTile <= s.ofmapSramWords();
        boolean[][] keep = {
                {s.dataflow() == Dataflow.IS, s.dataflow() == Dataflow.WS, s.dataflow() == Dataflow.OS},
                {true, true, psumsFit},
                {true, true, true}};
        return new Mapping(f, new int[][]{order.clone(), order.clone(), order.clone()}, sx, sy, keep);
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
