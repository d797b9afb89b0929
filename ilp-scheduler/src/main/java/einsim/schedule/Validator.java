package einsim.schedule;

import java.util.List;

/**
 * Replays a plan against the rules of shared/refs/cosma/README.md, without the solver's model: a topological
 * order; every need point covered; runs ordered and disjoint, the first starting at creation; a whole absent step
 * before the second run; addresses in range; no two co-resident tensors overlapping. Returns the plan's cost.
 */
public final class Validator {
    /** A broken rule. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String m) { super(m); }
    }

    private Validator() {}

    public static long cost(Problem p, Plan plan) {
        int n = p.ops;
        int[] order = plan.order();
        if (order.length != n) throw new Invalid("the order has " + order.length + " ops, the graph " + n);
        boolean[] seen = new boolean[n];
        for (int o : order) {
            if (o < 0 || o >= n || seen[o]) throw new Invalid("the order repeats or misses op " + o);
            seen[o] = true;
        }
        if (p.fixedOrder != null && !java.util.Arrays.equals(order, p.fixedOrder)) throw new Invalid("the order is not the fixed one");
        int[] pos = Problem.positions(order);
        for (int a = 0; a < p.tensors; a++) {
            if (p.prod[a] < 0) continue;
            for (int c : p.cons[a]) {
                if (pos[c] <= pos[p.prod[a]]) throw new Invalid(p.opName(c) + " runs before " + p.opName(p.prod[a])
                        + ", which produces its input " + p.tensorName(a));
            }
        }
        int[][] need = p.needSets(order);
        long cost = 0;
        for (int a = 0; a < p.tensors; a++) {
            List<Plan.Run> runs = plan.runs().get(a);
            if (need[a].length == 0) continue;
            String t = p.tensorName(a);
            int prevEnd = Integer.MIN_VALUE;
            for (int i = 0; i < runs.size(); i++) {
                Plan.Run r = runs.get(i);
                if (r.start() > r.end()) throw new Invalid(t + ": run " + i + " ends before it starts");
                if (r.start() <= prevEnd) throw new Invalid(t + ": runs overlap or are out of order");
                if (r.address() < 0 || r.address() + p.size[a] > p.budget) {
                    throw new Invalid(t + ": run " + i + " at address " + r.address() + " leaves the scratchpad of " + p.budget + " B");
                }
                if (p.prod[a] >= 0 && i == 1 && r.start() <= prevEnd + 1) {
                    throw new Invalid(t + ": reloaded right after its first departure (a whole absent step is required)");
                }
                prevEnd = r.end();
            }
            if (p.prod[a] >= 0) {
                if (runs.isEmpty() || runs.get(0).start() != pos[p.prod[a]]) throw new Invalid(t + ": not created on chip at its producer's step");
                if (p.cons[a].length == 0 && (runs.size() != 1 || runs.get(0).end() != runs.get(0).start())) {
                    throw new Invalid(t + ": a graph output is resident only at its creation step");
                }
            }
            for (int s : need[a]) {
                boolean covered = false;
                for (Plan.Run r : runs) covered |= r.start() <= s && s <= r.end();
                if (!covered) throw new Invalid(t + " is not resident at step " + s + " where " + p.opName(order[s]) + " needs it");
            }
            if (p.prod[a] >= 0 && runs.size() > 1) cost += p.size[a] * runs.size();
        }
        // no overlap among tensors resident at the same step
        for (int s = 0; s < n; s++) {
            List<long[]> spans = new java.util.ArrayList<>();
            for (int a = 0; a < p.tensors; a++) {
                for (Plan.Run r : plan.runs().get(a)) {
                    if (r.start() <= s && s <= r.end()) spans.add(new long[]{r.address(), r.address() + p.size[a], a});
                }
            }
            spans.sort((x, y) -> Long.compare(x[0], y[0]));
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i)[0] < spans.get(i - 1)[1]) {
                    throw new Invalid(p.tensorName((int) spans.get(i - 1)[2]) + " and " + p.tensorName((int) spans.get(i)[2])
                            + " overlap at step " + s);
                }
            }
        }
        return cost;
    }
}
