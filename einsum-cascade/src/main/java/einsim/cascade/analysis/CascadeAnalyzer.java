package einsim.cascade.analysis;

import einsim.cascade.BinOp;
import einsim.cascade.CascadeException;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.RankSplit;
import einsim.cascade.ReduceOp;
import einsim.cascade.parse.CascadePrinter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Analyses a sized cascade: iteration points, operation counts (Timeloop's convention, one operation per
 * iteration-space point; FuseMax brief §6), tensor sizes, the producer/consumer graph and pass counts.
 */
public final class CascadeAnalyzer {
    /** Brute-force counting of filtered iteration spaces stops here; larger ones need a closed form. */
    private static final long ENUMERATION_LIMIT = 50_000_000L;

    private CascadeAnalyzer() {}

    public static Analysis analyze(SizedCascade sc) {
        CascadeModel m = sc.model();
        List<Analysis.EinsumStats> es = new ArrayList<>();
        Map<String, Long> total = new LinkedHashMap<>();
        for (CascadeModel.EinsumInfo e : m.einsums()) {
            long points;
            Map<String, Long> ops;
            try {
                points = iterationPoints(sc, e);
                ops = ops(e, points);
                for (Map.Entry<String, Long> o : ops.entrySet()) total.merge(o.getKey(), o.getValue(), Math::addExact);
            } catch (ArithmeticException ex) {
                throw new CascadeException(e.einsum().span(), "the counts of Einsum " + e.name() + " at these sizes "
                        + "exceed 2^63 - 1 (about 9.2e18)", "use smaller rank sizes");
            }
            es.add(new Analysis.EinsumStats(e.name(), e.init() ? "init" : "body", CascadePrinter.einsum(e.einsum()),
                    e.vars(), e.reducedVars(), points, ops, e.reads()));
        }
        List<Analysis.TensorStats> ts = new ArrayList<>();
        List<Analysis.Edge> edges = new ArrayList<>();
        for (CascadeModel.TensorInfo t : m.tensors().values()) {
            long[] ext = sc.extents(t.name());
            List<Long> extents = new ArrayList<>();
            for (long x : ext) extents.add(x);
            long elements;
            long bytes;
            try {
                elements = sc.elements(t.name());
                bytes = Math.addExact(Math.multiplyExact(elements / 8, t.bits()), ceilDiv((elements % 8) * t.bits(), 8));
            } catch (ArithmeticException ex) {
                throw new CascadeException("tensor " + t.name() + " at these sizes has more than 2^63 - 1 elements or bits",
                        "use smaller rank sizes");
            }
            String role = t.isInput() ? "input" : t.consumers().isEmpty() ? "output" : "intermediate";
            List<String> producers = new ArrayList<>();
            for (int p : t.producers()) producers.add(m.einsums().get(p).name());
            List<String> consumers = new ArrayList<>();
            for (int c : t.consumers()) consumers.add(m.einsums().get(c).name());
            ts.add(new Analysis.TensorStats(t.name(), role, t.ranks(), extents, t.bits(), elements, bytes,
                    dedupe(producers), dedupe(consumers)));
            if (!t.isInput()) {
                for (String c : dedupe(consumers)) edges.add(new Analysis.Edge(t.name(), c, t.name()));
            }
        }
        Map<String, Integer> passes = new TreeMap<>();
        Map<String, Integer> tile = new TreeMap<>();
        for (String rank : sc.sizes().keySet()) {
            if (isSizeOnly(m, rank)) continue;
            int p = PassCounter.passes(m, rank);
            if (p == 0) continue;
            if (m.parents().containsKey(rank)) tile.put(rank, p);
            else passes.put(rank, p);
        }
        return new Analysis(m.cascade().name(), new TreeMap<>(sc.sizes()), es, ts, passes, tile, total, edges);
    }

    private static List<String> dedupe(List<String> in) {
        List<String> out = new ArrayList<>();
        for (String s : in) if (!out.contains(s)) out.add(s);
        return out;
    }

    /** True for a name that only sizes something (a stride, a coefficient) and is no rank of any tensor or variable. */
    private static boolean isSizeOnly(CascadeModel m, String name) {
        if (m.varRanks().containsValue(name)) return false;
        for (CascadeModel.TensorInfo t : m.tensors().values()) if (t.ranks().contains(name)) return false;
        for (RankSplit s : m.cascade().splits()) if (s.rank().equals(name) || s.parts().contains(name)) return false;
        return true;
    }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /** Points of the Einsum's iteration space after its filters. */
    public static long iterationPoints(SizedCascade sc, CascadeModel.EinsumInfo e) {
        List<Index.Condition> filters = new ArrayList<>();
        for (Expr.Access a : CascadeModel.rhsAccesses(e.einsum().rhs())) {
            for (Index i : a.indices()) if (i.isFilter()) filters.add(i.condition());
        }
        List<String> filtered = new ArrayList<>();
        for (Index.Condition f : filters) {
            if (!filtered.contains(f.var())) filtered.add(f.var());
            for (String v : f.bound().vars()) if (!filtered.contains(v)) filtered.add(v);
        }
        long free = 1;
        for (String v : e.vars()) if (!filtered.contains(v)) free = Math.multiplyExact(free, sc.range(v));
        if (filters.isEmpty()) return free;
        return Math.multiplyExact(free, countFiltered(sc, filtered, filters, e));
    }

    private static long countFiltered(SizedCascade sc, List<String> vars, List<Index.Condition> filters,
                                      CascadeModel.EinsumInfo e) {
        Map<String, Long> sizes = sc.sizes();
        if (filters.size() == 1 && filters.get(0).bound().vars().size() <= 1) {
            Index.Condition f = filters.get(0);
            long n = sc.range(f.var());
            List<String> bv = f.bound().vars();
            long c0 = f.bound().constant(sizes);
            if (bv.isEmpty()) return count(n, f, c0);
            String b = bv.get(0);
            long coef = f.bound().coefficient(b, sizes);
            long sum = 0;
            for (long x = 0; x < sc.range(b); x++) sum = Math.addExact(sum, count(n, f, c0 + coef * x));
            return sum;
        }
        long space = 1;
        for (String v : vars) space = Math.multiplyExact(space, sc.range(v));
        if (space > ENUMERATION_LIMIT) {
            throw new CascadeException(e.einsum().span(), "Einsum " + e.name() + " has " + filters.size()
                    + " filters over " + space + " points, too many to count one by one",
                    "use smaller sizes, or one filter per Einsum");
        }
        long[] val = new long[vars.size()];
        long count = 0;
        for (long i = 0; i < space; i++) {
            long r = i;
            for (int j = vars.size() - 1; j >= 0; j--) {
                long n = sc.range(vars.get(j));
                val[j] = r % n;
                r /= n;
            }
            boolean ok = true;
            for (Index.Condition f : filters) {
                long t = f.bound().constant(sizes);
                for (String v : f.bound().vars()) t += f.bound().coefficient(v, sizes) * val[vars.indexOf(v)];
                if (!f.op().test(val[vars.indexOf(f.var())], t)) {
                    ok = false;
                    break;
                }
            }
            if (ok) count++;
        }
        return count;
    }

    /** Values v in [0, n) with {@code v op t}. */
    private static long count(long n, Index.Condition f, long t) {
        switch (f.op()) {
            case LE: return clamp(t + 1, n);
            case LT: return clamp(t, n);
            case GE: return n - clamp(t, n);
            case GT: return n - clamp(t + 1, n);
            case EQ: return t >= 0 && t < n ? 1 : 0;
            default: throw new IllegalStateException();
        }
    }

    private static long clamp(long x, long n) { return Math.max(0, Math.min(n, x)); }

    /** Operations by kind: each operator once per iteration point; a multiply under a sum-reduce is one mac. */
    static Map<String, Long> ops(CascadeModel.EinsumInfo e, long points) {
        Map<String, Long> perPoint = new TreeMap<>();
        count(e.einsum().rhs(), perPoint);
        if (!e.reducedVars().isEmpty()) {
            Expr rhs = e.einsum().rhs();
            if (e.einsum().reduce() == ReduceOp.ADD && rhs instanceof Expr.Bin && ((Expr.Bin) rhs).op() == BinOp.MUL) {
                perPoint.merge("mul", -1L, Long::sum);
                perPoint.merge("mac", 1L, Long::sum);
            } else {
                perPoint.merge(e.einsum().reduce().opKind(), 1L, Long::sum);
            }
        }
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> x : perPoint.entrySet()) {
            if (x.getValue() != 0) out.put(x.getKey(), Math.multiplyExact(x.getValue(), points));
        }
        return out;
    }

    private static void count(Expr e, Map<String, Long> acc) {
        if (e instanceof Expr.Bin) {
            Expr.Bin b = (Expr.Bin) e;
            acc.merge(b.op().opKind(), 1L, Long::sum);
            count(b.left(), acc);
            count(b.right(), acc);
        } else if (e instanceof Expr.Neg) {
            acc.merge("neg", 1L, Long::sum);
            count(((Expr.Neg) e).operand(), acc);
        } else if (e instanceof Expr.Call) {
            Expr.Call c = (Expr.Call) e;
            if (c.function().equals("take")) {
                for (Expr a : c.args()) count(a, acc);
                return;
            }
            acc.merge(c.function(), 1L, Long::sum);
            Expr arg = c.args().get(0);
            if (c.function().equals("exp") && arg instanceof Expr.Bin && ((Expr.Bin) arg).op() == BinOp.SUB) {
                // sub-then-exp: one operation (FuseMax §II-C2)
                count(((Expr.Bin) arg).left(), acc);
                count(((Expr.Bin) arg).right(), acc);
            } else {
                for (Expr a : c.args()) count(a, acc);
            }
        }
    }
}
