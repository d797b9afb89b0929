package einsim.cascade.analysis;

import einsim.cascade.Affine;
import einsim.cascade.Cascade;
import einsim.cascade.CascadeException;
import einsim.cascade.Einsum;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.RankSplit;
import einsim.cascade.RelOp;
import einsim.cascade.Span;
import einsim.cascade.StopCondition;
import einsim.cascade.TensorDecl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated cascade: every tensor's ranks, every index variable's rank, each Einsum's iteration space, and
 * the producer/consumer relation. Built once from a {@link Cascade}; sizes come later ({@link SizedCascade}).
 *
 * <p>Rules checked: tensors are declared or produced before they are read; no cycles; a declared tensor is
 * indexed with as many indices as it has ranks; an index variable stands for one rank only; a tensor is produced
 * once unless it has an iterative rank; a written reduce action reduces some rank; filters and stopping
 * conditions name variables of the Einsum.
 */
public final class CascadeModel {

    /** What the model knows of one tensor. */
    public record TensorInfo(String name, List<String> ranks, int bits, boolean declared, List<Integer> producers,
                             List<Integer> consumers) {
        public boolean isInput() { return producers.isEmpty(); }
    }

    /** One Einsum with its iteration space. */
    public record EinsumInfo(int index, Einsum einsum, boolean init, List<String> outputVars, List<String> vars,
                             List<String> reducedVars, List<String> reads, String iterativeVar) {
        public String name() { return einsum.name(); }
    }

    private final Cascade cascade;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> varRank;
    private final Map<String, String> parentOf;
    private final Map<String, StopCondition> stops;
    private final List<EinsumInfo> einsums;

    private CascadeModel(Cascade cascade, Map<String, TensorInfo> tensors, Map<String, String> varRank,
                         Map<String, String> parentOf, Map<String, StopCondition> stops, List<EinsumInfo> einsums) {
        this.cascade = cascade;
        this.tensors = tensors;
        this.varRank = varRank;
        this.parentOf = parentOf;
        this.stops = stops;
        this.einsums = einsums;
    }

    public Cascade cascade() { return cascade; }
    public Map<String, TensorInfo> tensors() { return Collections.unmodifiableMap(tensors); }
    public TensorInfo tensor(String name) { return tensors.get(name); }
    /** The rank each index variable stands for. */
    public Map<String, String> varRanks() { return Collections.unmodifiableMap(varRank); }
    public String rankOf(String var) { return varRank.get(var); }
    /** Tiling: part rank to the rank it splits ({@code M1 -> M}). */
    public Map<String, String> parents() { return Collections.unmodifiableMap(parentOf); }
    public Map<String, StopCondition> stops() { return Collections.unmodifiableMap(stops); }
    public List<EinsumInfo> einsums() { return einsums; }
    public boolean isIterative(String var) { return stops.containsKey(var); }

    /** The untiled rank a rank belongs to: {@code M1 -> M}; a rank that is not a part returns itself. */
    public String baseRank(String rank) {
        String r = rank;
        Set<String> seen = new LinkedHashSet<>();
        while (parentOf.containsKey(r) && seen.add(r)) r = parentOf.get(r);
        return r;
    }

    /** Builds and validates the model; throws {@link CascadeException} naming the first broken rule. */
    public static CascadeModel of(Cascade c) {
        return new Builder(c).build();
    }

    private static final class Builder {
        private final Cascade c;
        private final Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        private final Map<String, String> varRank = new LinkedHashMap<>();
        private final Map<String, Span> varWhere = new HashMap<>();
        private final Map<String, String> parentOf = new LinkedHashMap<>();
        private final Map<String, StopCondition> stops = new LinkedHashMap<>();

        Builder(Cascade c) { this.c = c; }

        CascadeModel build() {
            for (TensorDecl t : c.tensors()) {
                if (tensors.containsKey(t.name())) {
                    throw new CascadeException(t.span(), "tensor " + t.name() + " is declared twice",
                            "remove one of the declarations");
                }
                tensors.put(t.name(), new TensorInfo(t.name(), t.ranks(), t.bits(), true, new ArrayList<>(), new ArrayList<>()));
            }
            for (RankSplit s : c.splits()) {
                for (String p : s.parts()) {
                    if (p.equals(s.rank()) || parentOf.containsKey(p)) {
                        throw new CascadeException(s.span(), "rank " + p + " is split from two ranks or from itself",
                                "give each part its own name, such as " + s.rank() + "1 and " + s.rank() + "0");
                    }
                    parentOf.put(p, s.rank());
                }
            }
            for (StopCondition s : c.stops()) {
                if (stops.containsKey(s.var())) {
                    throw new CascadeException(s.span(), "variable " + s.var() + " has two stopping conditions",
                            "keep one 'until " + s.var() + " >= ...'");
                }
                if (s.op() == RelOp.LE || s.op() == RelOp.LT) {
                    throw new CascadeException(s.span(), "a stopping condition must grow towards its bound ("
                            + s.var() + " >= N, > N or = N); '" + s.op().symbol() + "' would stop at once",
                            "write until " + s.var() + " >= " + s.bound());
                }
                stops.put(s.var(), s);
            }
            List<Einsum> all = c.einsums();
            if (all.isEmpty()) {
                throw new CascadeException(new Span(c.tensors().isEmpty() ? Span.NONE.source()
                        : c.tensors().get(0).span().source(), 0, 0, ""), "cascade " + c.name() + " has no Einsums",
                        "write at least one, as in Z[m, n] = A[k, m] * B[k, n]");
            }
            // 1. bind variables from declared tensors
            for (Einsum e : all) {
                for (Expr.Access a : accesses(e)) {
                    TensorInfo t = tensors.get(a.tensor());
                    if (t != null && t.declared()) bindAccess(a, t.ranks());
                }
            }
            // 2. walk the Einsums in order: infer undeclared outputs, check reads
            Map<String, Integer> firstProducer = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                Einsum e = all.get(i);
                if (!firstProducer.containsKey(e.name())) firstProducer.put(e.name(), i);
            }
            List<EinsumInfo> infos = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Einsum e = all.get(i);
                Expr.Access lhs = e.lhs();
                checkLhs(e);
                TensorInfo out = tensors.get(lhs.tensor());
                if (out == null) {
                    List<String> ranks = new ArrayList<>();
                    for (Index idx : lhs.indices()) ranks.add(rankOfPosition(idx, e));
                    out = new TensorInfo(lhs.tensor(), ranks, TensorDecl.DEFAULT_BITS, false, new ArrayList<>(), new ArrayList<>());
                    tensors.put(out.name(), out);
                }
                checkArity(lhs, out);
                bindAccess(lhs, out.ranks());
                List<String> reads = new ArrayList<>();
                for (Expr.Access a : rhsAccesses(e.rhs())) {
                    TensorInfo t = tensors.get(a.tensor());
                    boolean producedEarlier = t != null && !t.producers().isEmpty();
                    boolean selfIterate = a.tensor().equals(lhs.tensor()) && producedEarlier;
                    if (t == null || (!t.declared() && !producedEarlier) || (t.declared() && !producedEarlier
                            && firstProducer.containsKey(a.tensor()) && !selfIterate)) {
                        Integer later = firstProducer.get(a.tensor());
                        if (later == null) {
                            throw new CascadeException(a.span(), "tensor " + a.tensor() + " is read by Einsum "
                                    + e.name() + " but no Einsum produces it and no 'tensor' line declares it",
                                    "declare the input: tensor " + a.tensor() + "[" + guessRanks(a) + "]");
                        }
                        if (later == i) {
                            throw new CascadeException(a.span(), "Einsum " + e.name() + " reads its own output "
                                    + a.tensor() + " before any Einsum has produced it (a cyclic dependency)",
                                    "initialise it in an 'init:' section, for example " + a.tensor() + "[...] = 0 "
                                            + "at the first iterate");
                        }
                        throw new CascadeException(a.span(), cycleOrOrder(all, i, later, a.tensor()),
                                "Einsums run in the order written: move the Einsum producing " + a.tensor()
                                        + " above " + e.name());
                    }
                    checkArity(a, t);
                    bindAccess(a, t.ranks());
                    if (!reads.contains(a.tensor())) reads.add(a.tensor());
                    if (!a.tensor().equals(lhs.tensor()) && !t.consumers().contains(i)) t.consumers().add(i);
                }
                if (!out.producers().isEmpty() && !isIterativeTensor(out.name(), all)) {
                    Einsum first = all.get(out.producers().get(0));
                    throw new CascadeException(e.span(), "tensor " + out.name() + " is produced twice (line "
                            + first.span().line() + " and here) and has no iterative rank",
                            "give the second result a new name, or write the iterate, as in " + out.name()
                                    + "[m1+1, ...]");
                }
                out.producers().add(i);
                infos.add(einsumInfo(i, e, i < c.init().size()));
            }
            for (StopCondition s : stops.values()) {
                boolean used = infos.stream().anyMatch(x -> x.vars().contains(s.var()));
                if (!used) {
                    throw new CascadeException(s.span(), "no Einsum walks the iterative variable " + s.var(),
                            "use it in the body, as in RM[" + s.var() + "+1, p] = ..., or remove the 'until' line");
                }
            }
            return new CascadeModel(c, tensors, varRank, parentOf, stops, List.copyOf(infos));
        }

        private String cycleOrOrder(List<Einsum> all, int reader, int producer, String tensor) {
            // does the producer depend (transitively) on the reader's output?
            Set<String> reach = new LinkedHashSet<>();
            reach.add(all.get(reader).name());
            for (int j = reader + 1; j <= producer; j++) {
                Einsum x = all.get(j);
                for (Expr.Access a : rhsAccesses(x.rhs())) {
                    if (reach.contains(a.tensor())) {
                        reach.add(x.name());
                        break;
                    }
                }
            }
            String who = all.get(reader).name();
            if (reach.contains(tensor)) {
                return "cyclic dependency: Einsum " + who + " reads " + tensor + ", and " + tensor + " is computed from "
                        + who;
            }
            return "Einsum " + who + " reads " + tensor + " before the Einsum that produces it (line "
                    + all.get(producer).span().line() + ")";
        }

        private boolean isIterativeTensor(String name, List<Einsum> all) {
            for (Einsum e : all) {
                if (!e.name().equals(name)) continue;
                for (Index idx : e.lhs().indices()) {
                    if (idx.isFixed()) return true;
                    Affine a = idx.expr();
                    if (a.vars().size() == 1 && !a.isPlainVar()) return true;
                }
            }
            return false;
        }

        private String guessRanks(Expr.Access a) {
            List<String> r = new ArrayList<>();
            for (Index i : a.indices()) {
                List<String> v = i.coordinate().vars();
                String name = v.isEmpty() ? "N" : varRank.getOrDefault(v.get(0), v.get(0).toUpperCase());
                r.add(name);
            }
            return String.join(", ", r);
        }

        private void checkLhs(Einsum e) {
            Set<String> seen = new LinkedHashSet<>();
            for (Index idx : e.lhs().indices()) {
                if (idx.isFilter()) {
                    throw new CascadeException(e.lhs().span(), "a filter such as '" + idx + "' cannot stand on the "
                            + "left-hand side", "filter the operands on the right-hand side instead");
                }
                List<String> vars = idx.isFixed() ? List.of() : idx.expr().vars();
                if (vars.size() > 1) {
                    throw new CascadeException(e.lhs().span(), "left-hand index '" + idx + "' uses more than one variable",
                            "write one variable per output position; affine mixes belong on the right-hand side");
                }
                for (String v : vars) {
                    if (!seen.add(v)) {
                        throw new CascadeException(e.lhs().span(), "variable " + v + " appears twice on the left-hand side",
                                "use one variable per output rank");
                    }
                }
            }
        }

        private String rankOfPosition(Index idx, Einsum e) {
            String var = idx.isFixed() ? idx.condition().var() : idx.expr().vars().isEmpty() ? null : idx.expr().vars().get(0);
            if (var == null) {
                throw new CascadeException(e.lhs().span(), "cannot tell which rank the constant index '" + idx + "' of "
                        + e.name() + " belongs to", "declare the tensor: tensor " + e.name() + "[...]");
            }
            return varRank.computeIfAbsent(var, v -> {
                varWhere.put(v, e.lhs().span());
                return Character.toUpperCase(v.charAt(0)) + v.substring(1);
            });
        }

        private void checkArity(Expr.Access a, TensorInfo t) {
            if (a.indices().size() != t.ranks().size()) {
                throw new CascadeException(a.span(), "tensor " + t.name() + " has " + t.ranks().size() + " rank"
                        + (t.ranks().size() == 1 ? "" : "s") + " " + t.ranks() + " but is indexed with "
                        + a.indices().size(), "write " + t.name() + "[" + String.join(", ", lower(t.ranks())) + "]");
            }
        }

        private static List<String> lower(List<String> ranks) {
            List<String> l = new ArrayList<>();
            for (String r : ranks) l.add(r.toLowerCase());
            return l;
        }

        private void bindAccess(Expr.Access a, List<String> ranks) {
            if (a.indices().size() != ranks.size()) return; // reported by checkArity
            for (int j = 0; j < ranks.size(); j++) {
                Index idx = a.indices().get(j);
                String var = null;
                if (idx.isFixed()) var = idx.condition().var();
                else if (idx.expr().vars().size() == 1 && idx.expr().coefficientIsOne()) var = idx.expr().vars().get(0);
                if (var == null) continue;
                String rank = ranks.get(j);
                String had = varRank.get(var);
                if (had == null) {
                    varRank.put(var, rank);
                    varWhere.put(var, a.span());
                } else if (!had.equals(rank)) {
                    Span first = varWhere.get(var);
                    throw new CascadeException(a.span(), "index variable " + var + " stands for rank " + had
                            + (first != null && first.line() > 0 ? " (line " + first.line() + ")" : "")
                            + " but for rank " + rank + " in " + a.tensor() + " (a rank used with two meanings)",
                            "use a different variable for rank " + rank + ", such as " + rank.toLowerCase());
                }
            }
        }

        private EinsumInfo einsumInfo(int i, Einsum e, boolean init) {
            List<String> outVars = new ArrayList<>();
            for (Index idx : e.lhs().indices()) if (!idx.isFixed()) outVars.addAll(idx.expr().vars());
            List<String> vars = new ArrayList<>(outVars);
            List<String> rhsVars = new ArrayList<>();
            List<Index.Condition> filters = new ArrayList<>();
            for (Expr.Access a : rhsAccesses(e.rhs())) {
                for (Index idx : a.indices()) {
                    if (idx.isFixed()) continue;
                    for (String v : idx.expr().vars()) if (!rhsVars.contains(v)) rhsVars.add(v);
                    if (idx.isFilter()) filters.add(idx.condition());
                }
            }
            for (String v : rhsVars) if (!vars.contains(v)) vars.add(v);
            for (String v : vars) {
                varRank.computeIfAbsent(v, x -> Character.toUpperCase(x.charAt(0)) + x.substring(1));
            }
            for (Index.Condition f : filters) {
                List<String> need = new ArrayList<>(f.bound().vars());
                need.add(f.var());
                for (String v : need) {
                    if (!vars.contains(v)) {
                        throw new CascadeException(e.span(), "filter '" + f + "' of Einsum " + e.name() + " uses "
                                + v + ", which is not an index of the Einsum", "filter on variables the Einsum walks");
                    }
                }
            }
            List<String> reduced = new ArrayList<>();
            for (String v : rhsVars) if (!outVars.contains(v)) reduced.add(v);
            if (e.reduceExplicit() && reduced.isEmpty()) {
                throw new CascadeException(e.span(), "Einsum " + e.name() + " declares reduce(" + e.reduce().symbol()
                        + ") but reduces no rank: every variable of its right-hand side appears on its left-hand side",
                        "drop a variable from the left-hand side, as in GM[p] = QK[m, p] :: reduce(max)");
            }
            String iv = null;
            for (String v : vars) {
                if (stops.containsKey(v)) {
                    if (iv != null) {
                        throw new CascadeException(e.span(), "Einsum " + e.name() + " walks two iterative variables ("
                                + iv + " and " + v + ")", "nest iterative ranks in separate Einsums");
                    }
                    iv = v;
                }
            }
            // a reduction over the iterative rank is computed whole, once the iterations it reads are done
            if (iv != null && !outVars.contains(iv)) iv = null;
            if (init) iv = null; // in Initialization an iterative rank is walked as a standard rank (Cascade 5, Eq. 39)
            List<String> reads = new ArrayList<>();
            for (Expr.Access a : rhsAccesses(e.rhs())) if (!reads.contains(a.tensor())) reads.add(a.tensor());
            return new EinsumInfo(i, e, init, List.copyOf(outVars), List.copyOf(vars), List.copyOf(reduced),
                    List.copyOf(reads), iv);
        }
    }

    /** Every tensor access of an Einsum, left-hand side first. */
    static List<Expr.Access> accesses(Einsum e) {
        List<Expr.Access> out = new ArrayList<>();
        out.add(e.lhs());
        out.addAll(rhsAccesses(e.rhs()));
        return out;
    }

    /** The tensor reads of an expression, left to right. */
    public static List<Expr.Access> rhsAccesses(Expr e) {
        List<Expr.Access> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr.Access> out) {
        if (e instanceof Expr.Access) out.add((Expr.Access) e);
        else if (e instanceof Expr.Neg) collect(((Expr.Neg) e).operand(), out);
        else if (e instanceof Expr.Bin) {
            collect(((Expr.Bin) e).left(), out);
            collect(((Expr.Bin) e).right(), out);
        } else if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args()) collect(a, out);
        }
    }
}
