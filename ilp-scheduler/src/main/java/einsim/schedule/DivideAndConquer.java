package einsim.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * For graphs too big to solve whole: cut a reference order (the minimum-peak order when the order is free, the fixed
 * order otherwise) into windows of at most {@code maxOps} ops, each cut where the fewest bytes are live across it,
 * and solve the windows in order with CP-SAT, each free to reorder its own ops; tensors still needed leave a window
 * resident at a fixed address or with their DRAM copy, and the next window starts from that state (COSMA brief §4:
 * the paper's partition rule is not known; this one is einsim's). The stitched plan is replayed by the validator.
 */
final class DivideAndConquer {
    /** The stitched plan, its traffic, the windows solved and the summed solver time. */
    record Outcome(Plan plan, long offchipBytes, int windows, int optimalWindows, double seconds) {}

    private DivideAndConquer() {}

    /** Returns null if some window has no plan (the caller falls back to the best baseline). */
    static Outcome solve(Problem p, int[] ref, int maxOps, double timeLimitS, int workers) {
        int n = p.ops;
        List<int[]> windows = cut(p, ref, maxOps);
        CpSatScheduler.Carry[] carry = new CpSatScheduler.Carry[p.tensors];
        boolean[] done = new boolean[n];
        int[][] state = new int[p.tensors][n];
        long[][] address = new long[p.tensors][n];
        int[] order = new int[n];
        double secs = 0;
        int optimal = 0;
        int from = 0;
        for (int[] w : windows) {
            double share = Math.max(0.5, timeLimitS * w.length / n);
            CpSatScheduler.WindowResult r = CpSatScheduler.solveWindow(p, w, !p.fixed(), carry, done, share, workers, null);
            secs += r.stats().seconds();
            if (r.order() == null) return null;
            if (r.stats().status().equals("OPTIMAL")) optimal++;
            System.arraycopy(r.order(), 0, order, from, w.length);
            for (int a = 0; a < p.tensors; a++) {
                System.arraycopy(r.state()[a], 0, state[a], from, w.length);
                System.arraycopy(r.address()[a], 0, address[a], from, w.length);
            }
            for (int o : w) done[o] = true;
            int last = from + w.length - 1;
            for (int a = 0; a < p.tensors; a++) {
                if (p.prod[a] < 0 || !done[p.prod[a]]) continue;
                boolean later = false;
                for (int c : p.cons[a]) later |= !done[c];
                boolean written = carry[a] != null && carry[a].written() || r.spilled()[a];
                carry[a] = later ? new CpSatScheduler.Carry(state[a][last] >= 0, address[a][last], written) : null;
            }
            from += w.length;
        }
        Plan plan = new Plan(order, CpSatScheduler.runs(p, state, address));
        long cost = Validator.cost(p, plan);
        return new Outcome(plan, cost, windows.size(), optimal, secs);
    }

    /** Windows of at most maxOps ops; each cut in the second half of the allowed span, where crossing bytes are fewest. */
    static List<int[]> cut(Problem p, int[] ref, int maxOps) {
        int n = ref.length;
        int[][] need = p.needSets(ref);
        long[] crossing = new long[n]; // bytes created at or before step t and needed after it
        for (int a = 0; a < p.tensors; a++) {
            if (p.prod[a] < 0 || need[a].length < 2) continue;
            for (int t = need[a][0]; t < need[a][need[a].length - 1]; t++) crossing[t] += p.size[a];
        }
        List<int[]> out = new ArrayList<>();
        int s = 0;
        while (s < n) {
            int e = n - 1;
            if (n - s > maxOps) {
                e = s + maxOps - 1;
                for (int t = s + maxOps - 1; t >= s + Math.max(1, maxOps / 2) - 1; t--) if (crossing[t] < crossing[e]) e = t;
            }
            int[] w = new int[e - s + 1];
            System.arraycopy(ref, s, w, 0, w.length);
            out.add(w);
            s = e + 1;
        }
        return out;
    }
}
