package einsim.workloads.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator graph for scheduling (COSMA): tensors with their sizes in bytes, operators with inputs and outputs,
 * and optionally a fixed order. A tensor no operator produces is a parameter (or a graph input without a load op).
 */
public record TensorGraph(String name, List<Tensor> tensors, List<Op> ops, List<String> schedule) {
    public record Tensor(String name, long bytes) {}

    public record Op(String name, List<String> inputs, List<String> outputs) {}

    public TensorGraph {
        tensors = List.copyOf(tensors);
        ops = List.copyOf(ops);
        schedule = schedule == null ? null : List.copyOf(schedule);
    }

    public Map<String, Integer> tensorIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) m.put(tensors.get(i).name(), i);
        return m;
    }

    public Map<String, Integer> opIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) m.put(ops.get(i).name(), i);
        return m;
    }

    /** Producer op index of each tensor, or −1. */
    public int[] producers() {
        Map<String, Integer> ti = tensorIndex();
        int[] p = new int[tensors.size()];
        java.util.Arrays.fill(p, -1);
        for (int o = 0; o < ops.size(); o++) for (String t : ops.get(o).outputs()) p[ti.get(t)] = o;
        return p;
    }

    /** Consumer op indices of each tensor. */
    public List<List<Integer>> consumers() {
        Map<String, Integer> ti = tensorIndex();
        List<List<Integer>> c = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) c.add(new ArrayList<>());
        for (int o = 0; o < ops.size(); o++) {
            for (String t : ops.get(o).inputs()) {
                List<Integer> l = c.get(ti.get(t));
                if (!l.contains(o)) l.add(o);
            }
        }
        return c;
    }

    /** The given order as op indices, or a topological order (Kahn, lowest index first) when none is given. */
    public int[] defaultOrder() {
        if (schedule != null) {
            Map<String, Integer> oi = opIndex();
            return schedule.stream().mapToInt(oi::get).toArray();
        }
        return topologicalOrder();
    }

    public int[] topologicalOrder() {
        int n = ops.size();
        int[] prod = producers();
        Map<String, Integer> ti = tensorIndex();
        int[] indeg = new int[n];
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) succ.add(new ArrayList<>());
        for (int o = 0; o < n; o++) {
            for (String t : ops.get(o).inputs()) {
                int p = prod[ti.get(t)];
                if (p >= 0 && !succ.get(p).contains(o)) {
                    succ.get(p).add(o);
                    indeg[o]++;
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int o = 0; o < n; o++) if (indeg[o] == 0) ready.add(o);
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int o = ready.poll();
            order[k++] = o;
            for (int s : succ.get(o)) if (--indeg[s] == 0) ready.add(s);
        }
        if (k != n) return null; // a cycle
        return order;
    }
}
