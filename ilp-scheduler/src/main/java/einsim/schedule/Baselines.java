package einsim.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's four baselines (COSMA brief §5): an order (the default one, or the minimum-peak one) walked with a
 * replacement policy (Belady: evict the tensor used furthest ahead; greedy: evict the smallest set that covers the
 * deficit), then TFLite's arena allocator on the residency episodes. An arena larger than the budget fails.
 */
public final class Baselines {
    /** One baseline's outcome; {@code overflowBytes} > 0 means the arena did not fit. */
    public record Outcome(String order, String policy, long offchipBytes, long overflowBytes, Plan plan) {
        public boolean feasible() { return overflowBytes == 0 && offchipBytes >= 0; }
    }

    private Baselines() {}

    /** The feasible outcome with the least traffic (the first of equals), or null if none fits. */
    public static Outcome best(List<Outcome> outcomes) {
        Outcome best = null;
        for (Outcome o : outcomes) if (o.feasible() && (best == null || o.offchipBytes() < best.offchipBytes())) best = o;
        return best;
    }

    public static List<Outcome> all(Problem p, int[] defaultOrder, int[] minPeakOrder) {
        return all(p, defaultOrder, minPeakOrder, 1);
    }

    /** With the arena's offsets aligned to {@code alignmentBytes} (64 reproduces TFLite's default). */
    public static List<Outcome> all(Problem p, int[] defaultOrder, int[] minPeakOrder, long alignmentBytes) {
        List<Outcome> out = new ArrayList<>();
        for (String policy : new String[]{"belady", "greedy"}) out.add(run(p, defaultOrder, "default", policy, alignmentBytes));
        if (minPeakOrder != null) {
            for (String policy : new String[]{"belady", "greedy"}) out.add(run(p, minPeakOrder, "min-peak", policy, alignmentBytes));
        }
        return out;
    }

    static Outcome run(Problem p, int[] order, String orderName, String policy, long alignmentBytes) {
        int n = p.ops;
        int[][] need = p.needSets(order);
        boolean[] resident = new boolean[p.tensors];
        boolean[] written = new boolean[p.tensors];
        int[] runStart = new int[p.tensors];
        List<List<int[]>> runs = new ArrayList<>();
        for (int a = 0; a < p.tensors; a++) runs.add(new ArrayList<>());
        long cost = 0;
        long residentBytes = 0;
        for (int t = 0; t < n; t++) {
            int o = order[t];
            // drop tensors never needed again (free)
            for (int a = 0; a < p.tensors; a++) {
                if (resident[a] && need[a][need[a].length - 1] < t) {
                    resident[a] = false;
                    residentBytes -= p.size[a];
                    runs.get(a).add(new int[]{runStart[a], t - 1});
                }
            }
            boolean[] needed = new boolean[p.tensors];
            for (int a = 0; a < p.tensors; a++) for (int s : need[a]) if (s == t) needed[a] = true;
            for (int a = 0; a < p.tensors; a++) {
                if (needed[a] && !resident[a]) {
                    boolean created = p.prod[a] == o;
                    if (!created && p.prod[a] >= 0) cost += p.size[a]; // a reload
                    resident[a] = true;
                    residentBytes += p.size[a];
                    runStart[a] = t;
                }
            }
            long deficit = residentBytes - p.budget;
            if (deficit > 0) {
                List<Integer> idle = new ArrayList<>();
                for (int a = 0; a < p.tensors; a++) if (resident[a] && !needed[a]) idle.add(a);
                List<Integer> evict = policy.equals("belady") ? belady(p, idle, need, t, deficit) : cover(p, idle, deficit);
                if (evict == null) return new Outcome(orderName, policy, -1, 0, null); // cannot fit this op at all
                for (int a : evict) {
                    resident[a] = false;
                    residentBytes -= p.size[a];
                    runs.get(a).add(new int[]{runStart[a], t - 1});
                    if (!written[a] && p.prod[a] >= 0) {
                        cost += p.size[a];
                        written[a] = true;
                    }
                }
            }
            // a parameter leaves after its use (it is loaded again, free, when needed)
            for (int a = 0; a < p.tensors; a++) {
                if (p.prod[a] < 0 && resident[a]) {
                    resident[a] = false;
                    residentBytes -= p.size[a];
                    runs.get(a).add(new int[]{runStart[a], t});
                }
            }
        }
        for (int a = 0; a < p.tensors; a++) if (resident[a]) runs.get(a).add(new int[]{runStart[a], n - 1});
        // the allocator
        List<Arena.Episode> eps = new ArrayList<>();
        for (int a = 0; a < p.tensors; a++) {
            for (int[] r : runs.get(a)) if (r[1] >= r[0]) eps.add(new Arena.Episode(a, r[0], r[1], p.size[a]));
        }
        long[] off = Arena.place(eps, n, alignmentBytes);
        long arena = off[eps.size()];
        return new Outcome(orderName, policy, cost, Math.max(0, arena - p.budget), new Plan(order.clone(), Arena.runs(eps, off, p.tensors)));
    }

    /** Belady: evict the idle tensors whose next use is furthest (ties: larger first, then index) until the deficit is covered. */
    private static List<Integer> belady(Problem p, List<Integer> idle, int[][] need, int t, long deficit) {
        List<Integer> c = new ArrayList<>(idle);
        c.sort((x, y) -> {
            int nx = nextUse(need[x], t);
            int ny = nextUse(need[y], t);
            if (nx != ny) return Integer.compare(ny, nx);
            if (p.size[x] != p.size[y]) return Long.compare(p.size[y], p.size[x]);
            return Integer.compare(x, y);
        });
        List<Integer> out = new ArrayList<>();
        long freed = 0;
        for (int a : c) {
            if (freed >= deficit) break;
            out.add(a);
            freed += p.size[a];
        }
        return freed >= deficit ? out : null;
    }

    private static int nextUse(int[] need, int t) {
        for (int s : need) if (s > t) return s;
        return Integer.MAX_VALUE;
    }

    /** Greedy: the set of idle tensors of minimum total size covering the deficit (branch and bound; ties: larger first). */
    static List<Integer> cover(Problem p, List<Integer> idle, long deficit) {
        List<Integer> c = new ArrayList<>(idle);
        c.sort((x, y) -> p.size[x] != p.size[y] ? Long.compare(p.size[y], p.size[x]) : Integer.compare(x, y));
        long total = 0;
        for (int a : c) total += p.size[a];
        if (total < deficit) return null;
        long[] best = {Long.MAX_VALUE};
        List<Integer> bestSet = new ArrayList<>();
        search(p, c, 0, deficit, 0, new ArrayList<>(), best, bestSet, new long[]{0}, 200_000);
        return bestSet;
    }

    private static void search(Problem p, List<Integer> c, int i, long deficit, long sum, List<Integer> chosen, long[] best,
                               List<Integer> bestSet, long[] nodes, long limit) {
        if (sum >= deficit) {
            if (sum < best[0]) {
                best[0] = sum;
                bestSet.clear();
                bestSet.addAll(chosen);
            }
            return;
        }
        if (i >= c.size() || sum >= best[0] || ++nodes[0] > limit) return;
        int a = c.get(i);
        chosen.add(a);
        search(p, c, i + 1, deficit, sum + p.size[a], chosen, best, bestSet, nodes, limit);
        chosen.remove(chosen.size() - 1);
        search(p, c, i + 1, deficit, sum, chosen, best, bestSet, nodes, limit);
    }
}
