package einsim.cascade.analysis;

import einsim.cascade.Expr;
import einsim.cascade.Index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the passes a cascade must take over one rank (FuseMax §III-A), by the operationalisation in the FuseMax
 * brief §5: each tensor is {@code stream(k)} (produced while pass k walks the rank) or {@code ready(k)} (complete
 * before pass k starts); an Einsum that walks the rank runs in the pass its inputs allow; the count is the largest
 * such pass.
 *
 * <p>An Einsum walks rank R when its iteration space holds a variable of R, or walks every part of a tiled R
 * ({@code m1} and {@code m0} for {@code M = M1 * M0}).
 */
public final class PassCounter {
    private PassCounter() {}

    /** A tensor's state: its pass k, and whether it streams during that pass or is ready before it. */
    private record State(int k, boolean stream) {}

    /** Passes over {@code rank}; 0 when no Einsum walks it. */
    public static int passes(CascadeModel m, String rank) {
        int passes = 0;
        for (int k : passOfEinsums(m, rank).values()) passes = Math.max(passes, k);
        return passes;
    }

    /**
     * The pass each Einsum that walks {@code rank} runs in (1-based), by Einsum index; Einsums that do not walk it are
     * absent (they run between passes, on complete tensors).
     */
    public static Map<Integer, Integer> passOfEinsums(CascadeModel m, String rank) {
        Map<Integer, Integer> out = new java.util.LinkedHashMap<>();
        Map<String, State> state = new HashMap<>();
        for (CascadeModel.TensorInfo t : m.tensors().values()) if (t.isInput()) state.put(t.name(), new State(1, false));
        for (CascadeModel.EinsumInfo e : m.einsums()) {
            int readyMax = 0;
            int streamMax = 0;
            for (Expr.Access a : CascadeModel.rhsAccesses(e.einsum().rhs())) {
                if (a.tensor().equals(e.name())) continue; // the previous iterate of its own output
                State s = state.getOrDefault(a.tensor(), new State(1, false));
                if (s.stream && readsFinalIterate(m, a, rank)) s = new State(s.k + 1, false);
                if (s.stream) streamMax = Math.max(streamMax, s.k);
                else readyMax = Math.max(readyMax, s.k);
            }
            boolean keeps = keepsRank(m, e.outputVars(), rank);
            State st;
            if (walks(m, e.vars(), rank)) {
                int level = Math.max(1, Math.max(readyMax, streamMax));
                out.put(e.index(), level);
                st = keeps ? new State(level, true) : new State(level + 1, false);
            } else {
                int r = Math.max(1, readyMax);
                int s = streamMax;
                if (s >= r && s > 0) st = keeps ? new State(s, true) : new State(s + 1, false);
                else st = new State(r, false);
            }
            state.put(e.name(), st);
        }
        return out;
    }

    /** True when the variables enumerate rank R: a variable of R, or every part of a tiled R. */
    public static boolean walks(CascadeModel m, List<String> vars, String rank) {
        for (String v : vars) if (rank.equals(m.rankOf(v))) return true;
        List<String> parts = parts(m, rank);
        if (parts.isEmpty()) return false;
        for (String p : parts) if (!walks(m, vars, p)) return false;
        return true;
    }

    private static boolean keepsRank(CascadeModel m, List<String> outVars, String rank) {
        for (String v : outVars) {
            String r = m.rankOf(v);
            while (r != null) {
                if (r.equals(rank)) return true;
                r = m.parents().get(r);
            }
        }
        return false;
    }

    private static List<String> parts(CascadeModel m, String rank) {
        return m.cascade().splits().stream().filter(s -> s.rank().equals(rank)).findFirst()
                .map(s -> s.parts()).orElse(List.of());
    }

    /**
     * A read at a constant coordinate named by a size, such as RD[M1, p], on a position of rank R (or of a part of
     * R): the final iterate, complete only after the pass that produces it.
     */
    private static boolean readsFinalIterate(CascadeModel m, Expr.Access a, String rank) {
        CascadeModel.TensorInfo t = m.tensor(a.tensor());
        for (int j = 0; j < a.indices().size(); j++) {
            Index i = a.indices().get(j);
            if (i.isFixed() || !i.expr().isConstant() || i.expr().sizeNames().isEmpty()) continue;
            String r = t.ranks().get(j);
            while (r != null) {
                if (r.equals(rank)) return true;
                r = m.parents().get(r);
            }
        }
        return false;
    }
}
