package einsim.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * TensorFlow Lite's linear arena allocator (tensorflow/lite/simple_memory_arena.cc, arena_planner.cc; COSMA brief
 * §5): episodes spanning every step first, then by size descending, then by start; each goes into the smallest gap
 * among the time-overlapping placed episodes that fits, else on top. Offsets are aligned to {@code alignment} bytes:
 * 1 by default (byte-exact budgets), 64 for TFLite's kDefaultTensorAlignment.
 */
final class Arena {
    /** A residency episode to place: tensor, inclusive steps, size. */
    record Episode(int tensor, int start, int end, long size) {}

    private Arena() {}

    /** Offsets per episode (same order as given), and the arena size in the last element. */
    static long[] place(List<Episode> eps, int steps) {
        return place(eps, steps, 1);
    }

    static long[] place(List<Episode> eps, int steps, long alignment) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < eps.size(); i++) idx.add(i);
        idx.sort(Comparator.<Integer>comparingInt(i -> eps.get(i).start() == 0 && eps.get(i).end() == steps - 1 ? 0 : 1)
                .thenComparing(i -> -eps.get(i).size())
                .thenComparingInt(i -> eps.get(i).start())
                .thenComparingInt(i -> eps.get(i).tensor()));
        long[] off = new long[eps.size() + 1];
        List<Integer> placed = new ArrayList<>();
        long arena = 0;
        for (int i : idx) {
            Episode e = eps.get(i);
            List<Integer> overlapping = new ArrayList<>();
            for (int j : placed) {
                Episode f = eps.get(j);
                if (f.start() <= e.end() && e.start() <= f.end()) overlapping.add(j);
            }
            overlapping.sort(Comparator.comparingLong(j -> off[j]));
            long cur = 0;
            long best = -1;
            long bestGap = Long.MAX_VALUE;
            for (int j : overlapping) {
                long at = align(cur, alignment);
                if (at + e.size() <= off[j]) {
                    long gap = off[j] - at;
                    if (gap < bestGap) {
                        bestGap = gap;
                        best = at;
                    }
                }
                cur = Math.max(cur, off[j] + eps.get(j).size());
            }
            off[i] = best >= 0 ? best : align(cur, alignment);
            arena = Math.max(arena, off[i] + e.size());
            placed.add(i);
        }
        off[eps.size()] = arena;
        return off;
    }

    /** Each tensor's placed episodes as residency runs, in step order ({@code off} as returned by place). */
    static List<List<Plan.Run>> runs(List<Episode> eps, long[] off, int tensors) {
        List<List<Plan.Run>> runs = new ArrayList<>();
        for (int a = 0; a < tensors; a++) runs.add(new ArrayList<>());
        for (int i = 0; i < eps.size(); i++) runs.get(eps.get(i).tensor()).add(new Plan.Run(eps.get(i).start(), eps.get(i).end(), off[i]));
        for (List<Plan.Run> r : runs) r.sort(Comparator.comparingInt(Plan.Run::start));
        return runs;
    }

    private static long align(long x, long a) {
        return (x + a - 1) / a * a;
    }
}
