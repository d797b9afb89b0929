package einsim.schedule;

import einsim.workloads.graph.TensorGraph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A scheduling instance in index form: ops, tensors (activations, and parameters when asked), sizes, producers and
 * consumers, the budget, and the fixed order if the order is not free. Semantics: shared/refs/cosma/README.md.
 */
public final class Problem {
    final TensorGraph graph;
    final int ops;
    final int tensors;
    final long[] size;
    final int[] prod;            // −1: a parameter (needed only at its consumers' steps, never charged)
    final int[][] cons;
    final String[] tensorName;
    final long budget;
    final int[] fixedOrder;      // null: free order
    final int[] asap;
    final int[] alap;

    public Problem(TensorGraph g, long budget, boolean fixed, boolean withParameters) {
        this.graph = g;
        this.ops = g.ops().size();
        int[] p = g.producers();
        List<List<Integer>> c = g.consumers();
        List<Integer> keep = new ArrayList<>();
        for (int a = 0; a < g.tensors().size(); a++) if (p[a] >= 0 || (withParameters && !c.get(a).isEmpty())) keep.add(a);
        this.tensors = keep.size();
        this.size = new long[tensors];
        this.prod = new int[tensors];
        this.cons = new int[tensors][];
        this.tensorName = new String[tensors];
        for (int i = 0; i < tensors; i++) {
            int a = keep.get(i);
            size[i] = g.tensors().get(a).bytes();
            prod[i] = p[a];
            cons[i] = c.get(a).stream().mapToInt(Integer::intValue).toArray();
            tensorName[i] = g.tensors().get(a).name();
        }
        this.budget = budget;
        this.fixedOrder = fixed ? g.defaultOrder() : null;
        // ASAP / ALAP from ancestors and descendants
        BitSet[] anc = new BitSet[ops];
        int[] topo = g.topologicalOrder();
        int[][] preds = new int[ops][];
        List<List<Integer>> pl = new ArrayList<>();
        for (int o = 0; o < ops; o++) pl.add(new ArrayList<>());
        for (int a = 0; a < g.tensors().size(); a++) {
            if (p[a] < 0) continue;
            for (int o : c.get(a)) if (!pl.get(o).contains(p[a])) pl.get(o).add(p[a]);
        }
        for (int o = 0; o < ops; o++) preds[o] = pl.get(o).stream().mapToInt(Integer::intValue).toArray();
        for (int o : topo) {
            anc[o] = new BitSet(ops);
            for (int q : preds[o]) {
                anc[o].or(anc[q]);
                anc[o].set(q);
            }
        }
        int[] desc = new int[ops];
        for (int o = 0; o < ops; o++) for (int q = anc[o].nextSetBit(0); q >= 0; q = anc[o].nextSetBit(q + 1)) desc[q]++;
        this.asap = new int[ops];
        this.alap = new int[ops];
        for (int o = 0; o < ops; o++) {
            asap[o] = anc[o].cardinality();
            alap[o] = ops - 1 - desc[o];
        }
    }

    public boolean fixed() { return fixedOrder != null; }

    public long budget() { return budget; }

    /** Step of each op in an order. */
    static int[] positions(int[] order) {
        int[] pos = new int[order.length];
        for (int t = 0; t < order.length; t++) pos[order[t]] = t;
        return pos;
    }

    /** Need steps of each tensor in an order, ascending (a parameter: its consumers' steps only). */
    int[][] needSets(int[] order) {
        int[] pos = positions(order);
        int[][] n = new int[tensors][];
        for (int a = 0; a < tensors; a++) {
            java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
            if (prod[a] >= 0) s.add(pos[prod[a]]);
            for (int o : cons[a]) s.add(pos[o]);
            n[a] = s.stream().mapToInt(Integer::intValue).toArray();
        }
        return n;
    }

    /** Bytes of the distinct tensors op o touches. */
    long footprint(int o) {
        long s = 0;
        for (int a = 0; a < tensors; a++) {
            boolean touches = prod[a] == o;
            for (int c : cons[a]) touches |= c == o;
            if (touches) s = Math.addExact(s, size[a]);
        }
        return s;
    }

    /** Σ sizes live at each step of an order (created, not yet past the last need). */
    long[] liveBytes(int[] order) {
        int[][] need = needSets(order);
        long[] live = new long[ops];
        for (int a = 0; a < tensors; a++) {
            if (need[a].length == 0) continue;
            if (prod[a] < 0) {
                for (int t : need[a]) live[t] = Math.addExact(live[t], size[a]);
            } else {
                for (int t = need[a][0]; t <= need[a][need[a].length - 1]; t++) live[t] = Math.addExact(live[t], size[a]);
            }
        }
        return live;
    }

    String tensorName(int a) { return tensorName[a]; }

    String opName(int o) { return graph.ops().get(o).name(); }
}
