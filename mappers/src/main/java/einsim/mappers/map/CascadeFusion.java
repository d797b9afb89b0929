package einsim.mappers.map;

import einsim.cascade.Cascade;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.PassCounter;
import einsim.cascade.analysis.SizedCascade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fusion of a cascade along one rank R: the Einsums that walk R in the same pass (the cascade's pass analysis) run
 * fused, a tile of R at a time, so a tensor produced and consumed inside one pass is live only one tile along R.
 * Other ranks may be tiled outside the passes (FuseMax's P2 loop: all passes run per tile of P), which scales every
 * tensor that has them, and makes an input without such a rank be read again for each of its tiles.
 * A tensor produced in one pass and read in a later one must be whole when that pass starts, as must an input read
 * in more than one pass; they stay in the on-chip buffer if everything fits, else the largest are spilled to DRAM
 * (written once, read back by each later pass) until it does.
 */
public final class CascadeFusion {
    /**
     * @param pass         1-based pass over R; 0 for Einsums that do not walk R (they run between passes)
     * @param liveBytes    bytes live on chip while the group runs: its tiles of intra-pass tensors
     */
    public record Group(int pass, List<String> einsums, long liveBytes) {}

    /** A tensor needed whole across passes: kept on chip or spilled, and what that costs. */
    public record CrossPass(String tensor, long bytes, int readsInLaterPasses, boolean spilled, long dramBytes) {}

    /**
     * @param compulsoryDramBytes inputs read once and final outputs written once
     * @param dramBytes           compulsory plus spills (and re-reads of spilled multi-pass inputs)
     */
    public record Plan(String rank, int passes, long tile, long bufferBytes, List<Group> groups, List<CrossPass> crossPass,
                       long compulsoryDramBytes, long dramBytes, boolean fits) {}

    private CascadeFusion() {}

    public static Plan plan(Cascade cascade, Map<String, Long> sizes, String rank, long tile, long bufferBytes) {
        return plan(cascade, sizes, rank, tile, Map.of(), bufferBytes);
    }

    /** @param outerTiles tiles of other ranks, looped outside the passes (rank → tile) */
    public static Plan plan(Cascade cascade, Map<String, Long> sizes, String rank, long tile, Map<String, Long> outerTiles, long bufferBytes) {
        CascadeModel m = CascadeModel.of(cascade);
        SizedCascade sz = SizedCascade.of(m, sizes);
        Map<Integer, Integer> passOf = PassCounter.passOfEinsums(m, rank);
        if (passOf.isEmpty()) throw new MapperException("no Einsum of " + cascade.name() + " walks rank " + rank, "fuse along a rank the cascade iterates");
        long extentR = extentOf(m, sz, rank);
        if (tile < 1 || tile > extentR) throw new MapperException("tile " + tile + " along " + rank, "give a tile from 1 to " + extentR);
        Map<String, Integer> producedIn = new LinkedHashMap<>();
        Map<String, Set<Integer>> readIn = new LinkedHashMap<>();
        Map<Integer, List<String>> groupEinsums = new LinkedHashMap<>();
        int passes = 0;
        for (CascadeModel.EinsumInfo e : m.einsums()) {
            int p = passOf.getOrDefault(e.index(), 0);
            passes = Math.max(passes, p);
            groupEinsums.computeIfAbsent(p, k -> new ArrayList<>());
            if (!groupEinsums.get(p).contains(e.name())) groupEinsums.get(p).add(e.name());
            if (!e.init()) producedIn.put(e.name(), p);
            else producedIn.putIfAbsent(e.name(), p);
            for (String t : e.reads()) if (!t.equals(e.name())) readIn.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(p);
        }
        long compulsory = 0;
        List<CrossPass> cross = new ArrayList<>();
        Map<Integer, Long> live = new LinkedHashMap<>();
        for (Map.Entry<String, Long> o : outerTiles.entrySet()) {
            long ext = extentOf(m, sz, o.getKey());
            if (o.getValue() < 1 || o.getValue() > ext || ext % o.getValue() != 0) {
                throw new MapperException("tile " + o.getKey() + "=" + o.getValue(), "a tile divides the rank's size " + ext);
            }
        }
        for (CascadeModel.TensorInfo t : m.tensors().values()) {
            long whole = (sz.elements(t.name()) * t.bits() + 7) / 8;
            long bytes = whole;
            long rereads = 1;
            for (Map.Entry<String, Long> o : outerTiles.entrySet()) {
                long ext = extentOf(m, sz, o.getKey());
                if (hasRank(m, t.ranks(), o.getKey())) bytes = (bytes * o.getValue() + ext - 1) / ext;
                else rereads *= ext / o.getValue();
            }
            Set<Integer> reads = readIn.getOrDefault(t.name(), Set.of());
            boolean hasR = hasRank(m, t.ranks(), rank);
            if (t.isInput()) {
                compulsory += whole * rereads;
                if (reads.size() > 1) cross.add(new CrossPass(t.name(), bytes, reads.size() - 1, false, 0));
                else if (hasR) addLive(live, reads.isEmpty() ? 0 : reads.iterator().next(), tileBytes(bytes, extentR, tile));
                else addLive(live, reads.isEmpty() ? 0 : reads.iterator().next(), bytes);
                continue;
            }
            int p = producedIn.getOrDefault(t.name(), 0);
            if (t.consumers().isEmpty()) compulsory += whole;
            long later = reads.stream().filter(k -> k != p).count();
            boolean carried = reads.contains(p) && p > 0;
            if (later > 0 && hasR && carried) {
                // a running value (RM, RD, RNV): a later pass reads only its last iterate
                cross.add(new CrossPass(t.name(), tileBytes(bytes, extentR, 1), (int) later, false, 0));
                addLive(live, p, tileBytes(bytes, extentR, tile));
            } else if (later > 0) {
                // complete before a later pass reads it: with the fused rank (QK) or without it (GM, SD)
                cross.add(new CrossPass(t.name(), bytes, (int) later, false, 0));
            } else {
                // live within its pass: a tile along R when it has R, else whole (a per-query state such as RM)
                addLive(live, p, hasR ? tileBytes(bytes, extentR, tile) : bytes);
            }
        }
        long maxLive = live.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long held = cross.stream().mapToLong(CrossPass::bytes).sum();
        List<CrossPass> sorted = new ArrayList<>(cross);
        sorted.sort(Comparator.comparingLong(CrossPass::bytes).reversed());
        Set<String> spilled = new LinkedHashSet<>();
        for (CrossPass c : sorted) {
            if (held + maxLive <= bufferBytes) break;
            spilled.add(c.tensor());
            held -= c.bytes();
        }
        long dram = compulsory;
        List<CrossPass> out = new ArrayList<>();
        for (CrossPass c : cross) {
            boolean sp = spilled.contains(c.tensor());
            boolean input = m.tensor(c.tensor()).isInput();
            long outer = 1;
            for (Map.Entry<String, Long> o : outerTiles.entrySet()) outer *= extentOf(m, sz, o.getKey()) / o.getValue();
            // per outer tile: a spilled intermediate is written once and read by each later pass; a spilled input re-read
            long cost = !sp ? 0 : outer * (input ? c.bytes() * c.readsInLaterPasses() : c.bytes() * (1 + c.readsInLaterPasses()));
            dram += cost;
            out.add(new CrossPass(c.tensor(), c.bytes(), c.readsInLaterPasses(), sp, cost));
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> g : groupEinsums.entrySet()) groups.add(new Group(g.getKey(), g.getValue(), live.getOrDefault(g.getKey(), 0L)));
        groups.sort(Comparator.comparingInt(Group::pass));
        return new Plan(rank, passes, tile, bufferBytes, groups, out, compulsory, dram, held + maxLive <= bufferBytes);
    }

    private static void addLive(Map<Integer, Long> live, int pass, long bytes) { live.merge(pass, bytes, Long::sum); }

    private static long tileBytes(long bytes, long extentR, long tile) { return (bytes + extentR - 1) / extentR * tile; }

    /** Whether a tensor's ranks include {@code rank}, a rank it is split from, or one split from it. */
    private static boolean hasRank(CascadeModel m, List<String> ranks, String rank) {
        for (String r : ranks) {
            for (String x = r; x != null; x = m.parents().get(x)) if (x.equals(rank)) return true;
            for (String x = rank; x != null; x = m.parents().get(x)) if (x.equals(r)) return true;
        }
        return false;
    }

    private static long extentOf(CascadeModel m, SizedCascade sz, String rank) {
        Long v = sz.sizes().get(rank);
        if (v == null) throw new MapperException("rank " + rank + " has no size", "give it with --ranks " + rank + "=N");
        return v;
    }
}
