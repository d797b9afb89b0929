package einsim.schedule;

import java.util.Arrays;

/**
 * The paper's budgets (COSMA brief §3): M_R (the largest single operator's footprint), M_P (the minimum over
 * topological orders of the live-size peak: exact by dynamic programming over sets of scheduled ops for graphs of
 * up to 16 ops, else the best order a greedy search finds, flagged as an upper bound), M_H = ⌊(M_R + M_P)/2⌋.
 */
public record Budgets(long mr, long mp, boolean mpExact, long mh, long fixedOrderPeak, int[] minPeakOrder) {

    public static Budgets of(Problem p) {
        long mr = 0;
        for (int o = 0; o < p.ops; o++) mr = Math.max(mr, p.footprint(o));
        int[] def = p.graph.defaultOrder();
        long fixedPeak = peak(p, def);
        int[] best;
        boolean exact;
        if (p.ops <= 16) {
            best = exactMinPeak(p);
            exact = true;
        } else {
            best = greedyMinPeak(p);
            if (peak(p, def) < peak(p, best)) best = def;
            exact = false;
        }
        long mp = peak(p, best);
        return new Budgets(mr, mp, exact, (mr + mp) / 2, fixedPeak, best);
    }

    static long peak(Problem p, int[] order) {
        return Arrays.stream(p.liveBytes(order)).max().orElse(0);
    }

    /** Greedy: among ready ops, run the one that leaves the fewest live bytes (ties: lowest index). */
    static int[] greedyMinPeak(Problem p) {
        int n = p.ops;
        boolean[] done = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int pick = -1;
            long pickLive = Long.MAX_VALUE;
            for (int o = 0; o < n; o++) {
                if (done[o] || !ready(p, o, done)) continue;
                done[o] = true;
                long live = liveAfter(p, done);
                done[o] = false;
                if (live < pickLive) {
                    pickLive = live;
                    pick = o;
                }
            }
            done[pick] = true;
            order[k] = pick;
        }
        return order;
    }

    private static boolean ready(Problem p, int o, boolean[] done) {
        for (int a = 0; a < p.tensors; a++) {
            if (p.prod[a] < 0 || done[p.prod[a]]) continue;
            for (int c : p.cons[a]) if (c == o) return false;
        }
        return true;
    }

    /** Live bytes after the set {@code done} has run: produced tensors with a consumer still to run. */
    private static long liveAfter(Problem p, boolean[] done) {
        long s = 0;
        for (int a = 0; a < p.tensors; a++) {
            if (p.prod[a] < 0 || !done[p.prod[a]]) continue;
            for (int c : p.cons[a]) {
                if (!done[c]) {
                    s += p.size[a];
                    break;
                }
            }
        }
        return s;
    }

    /** Exact minimum peak: DP over the sets of ops already run (the live set depends only on that set). */
    static int[] exactMinPeak(Problem p) {
        int n = p.ops;
        int full = (1 << n) - 1;
        long[] best = new long[1 << n];
        int[] choice = new int[1 << n];
        Arrays.fill(best, Long.MAX_VALUE);
        best[0] = 0;
        for (int s = 0; s < full; s++) {
            if (best[s] == Long.MAX_VALUE) continue;
            boolean[] done = new boolean[n];
            for (int o = 0; o < n; o++) done[o] = (s >> o & 1) == 1;
            for (int o = 0; o < n; o++) {
                if (done[o] || !ready(p, o, done)) continue;
                // live while o runs: tensors live after s, plus o's outputs and any of its inputs
                long step = stepLive(p, done, o);
                int t = s | 1 << o;
                long v = Math.max(best[s], step);
                if (v < best[t]) {
                    best[t] = v;
                    choice[t] = o;
                }
            }
        }
        int[] order = new int[n];
        int s = full;
        for (int k = n - 1; k >= 0; k--) {
            order[k] = choice[s];
            s &= ~(1 << choice[s]);
        }
        return order;
    }

    private static long stepLive(Problem p, boolean[] done, int o) {
        long s = 0;
        for (int a = 0; a < p.tensors; a++) {
            boolean touches = p.prod[a] == o;
            for (int c : p.cons[a]) touches |= c == o;
            if (p.prod[a] < 0) {
                if (touches) s += p.size[a];
                continue;
            }
            if (touches) {
                s += p.size[a];
                continue;
            }
            if (!done[p.prod[a]]) continue;
            for (int c : p.cons[a]) {
                if (!done[c]) {
                    s += p.size[a];
                    break;
                }
            }
        }
        return s;
    }
}
