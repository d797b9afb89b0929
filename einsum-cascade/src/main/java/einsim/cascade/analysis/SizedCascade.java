package einsim.cascade.analysis;

import einsim.cascade.Affine;
import einsim.cascade.CascadeException;
import einsim.cascade.Einsum;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.RankSplit;
import einsim.cascade.SizeDef;
import einsim.cascade.StopCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link CascadeModel} with every size known: rank sizes, the extent of each tensor position (an iterative rank
 * written at {@code m1+1} holds M1 + 1 iterates), and the range of each index variable.
 *
 * <p>Sizes come from the caller; {@code size} lines give defaults; {@code rank M = M1 * M0} derives the missing one
 * of M, M1, M0 and checks that given ones agree. Sizes the cascade does not use are ignored.
 */
public final class SizedCascade {
    private final CascadeModel model;
    private final Map<String, Long> sizes;
    private final Map<String, long[]> extents;
    private final Map<String, Long> varRange;

    private SizedCascade(CascadeModel model, Map<String, Long> sizes, Map<String, long[]> extents, Map<String, Long> varRange) {
        this.model = model;
        this.sizes = sizes;
        this.extents = extents;
        this.varRange = varRange;
    }

    public CascadeModel model() { return model; }
    /** Every size the cascade uses, by name. */
    public Map<String, Long> sizes() { return Collections.unmodifiableMap(sizes); }
    /** Extent of each position of a tensor, in elements. */
    public long[] extents(String tensor) { return extents.get(tensor).clone(); }
    /** Number of values an index variable takes (for an iterative variable: its iterations). */
    public long range(String var) { return varRange.get(var); }

    public long elements(String tensor) {
        long n = 1;
        for (long e : extents.get(tensor)) n = Math.multiplyExact(n, e);
        return n;
    }

    /** Resolves sizes; throws {@link CascadeException} for a missing, non-positive or disagreeing size. */
    public static SizedCascade of(CascadeModel model, Map<String, Long> given) {
        Set<String> used = usedNames(model);
        Map<String, Long> sizes = new TreeMap<>();
        for (Map.Entry<String, Long> e : given.entrySet()) {
            if (!used.contains(e.getKey())) continue;
            if (e.getValue() == null || e.getValue() < 1) {
                throw new CascadeException("rank size " + e.getKey() + " = " + e.getValue() + " must be at least 1",
                        "give a positive size, as in --ranks " + e.getKey() + "=64");
            }
            sizes.put(e.getKey(), e.getValue());
        }
        List<SizeDef> defs = model.cascade().sizes();
        List<RankSplit> splits = model.cascade().splits();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (SizeDef d : defs) {
                if (sizes.containsKey(d.name())) continue;
                if (!sizes.keySet().containsAll(d.value().sizeNames())) continue;
                long v = d.value().constant(sizes);
                if (v < 1) {
                    throw new CascadeException(d.span(), "size " + d.name() + " = " + d.value() + " evaluates to " + v
                            + ", but sizes must be at least 1", "check the sizes it uses");
                }
                sizes.put(d.name(), v);
                changed = true;
            }
            for (RankSplit s : splits) changed |= derive(s, sizes);
        }
        for (RankSplit s : splits) checkSplit(s, sizes);
        for (String name : used) {
            if (!sizes.containsKey(name)) {
                throw new CascadeException("cascade " + model.cascade().name() + " needs a size for rank " + name
                        + ", and none was given", "give it with --ranks " + name + "=N (sizes given: "
                        + (given.isEmpty() ? "none" : String.join(",", new TreeMap<>(given).keySet())) + ")");
            }
        }
        Map<String, Long> varRange = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : model.varRanks().entrySet()) {
            StopCondition stop = model.stops().get(e.getKey());
            long r = sizes.get(e.getValue());
            if (stop != null) {
                long b = stop.bound().constant(sizes);
                switch (stop.op()) {
                    case GE: case EQ: r = b; break;
                    case GT: r = b + 1; break;
                    default: throw new IllegalStateException("checked in CascadeModel");
                }
                if (r < 1) {
                    throw new CascadeException(stop.span(), "stopping condition 'until " + stop.var() + " "
                            + stop.op().symbol() + " " + stop.bound() + "' allows no iteration", "use a bound of at least 1");
                }
            }
            varRange.put(e.getKey(), r);
        }
        Map<String, long[]> extents = new LinkedHashMap<>();
        for (CascadeModel.TensorInfo t : model.tensors().values()) {
            long[] ext = new long[t.ranks().size()];
            for (int j = 0; j < ext.length; j++) ext[j] = sizes.get(t.ranks().get(j));
            extents.put(t.name(), ext);
        }
        // written coordinates may run past the rank: an iterative rank holds its iterates 0..N
        for (Einsum e : model.cascade().einsums()) {
            long[] ext = extents.get(e.name());
            List<Index> idx = e.lhs().indices();
            for (int j = 0; j < idx.size(); j++) {
                long max = maxValue(idx.get(j).coordinate(), sizes, varRange);
                if (max + 1 > ext[j]) ext[j] = max + 1;
                long min = minValue(idx.get(j).coordinate(), sizes, varRange);
                if (min < 0) {
                    throw new CascadeException(e.lhs().span(), "left-hand index '" + idx.get(j) + "' of " + e.name()
                            + " reaches coordinate " + min + ", below 0", "write coordinates that start at 0");
                }
            }
        }
        return new SizedCascade(model, sizes, extents, varRange);
    }

    private static boolean derive(RankSplit s, Map<String, Long> sizes) {
        int missing = 0;
        String miss = null;
        for (String p : s.parts()) {
            if (!sizes.containsKey(p)) {
                missing++;
                miss = p;
            }
        }
        Long whole = sizes.get(s.rank());
        if (missing == 0 && whole == null) {
            long prod = 1;
            for (String p : s.parts()) prod = Math.multiplyExact(prod, sizes.get(p));
            sizes.put(s.rank(), prod);
            return true;
        }
        if (missing == 1 && whole != null) {
            long prod = 1;
            for (String p : s.parts()) if (!p.equals(miss)) prod = Math.multiplyExact(prod, sizes.get(p));
            if (whole % prod != 0) {
                throw new CascadeException(s.span(), "rank " + s.rank() + " = " + whole + " is not a multiple of "
                        + prod + " (" + partsText(s, miss, sizes) + "), so " + miss + " is not a whole number",
                        "choose sizes with " + s.rank() + " divisible by the tile, as in " + s.rank() + "="
                                + ((whole / prod + 1) * prod));
            }
            sizes.put(miss, whole / prod);
            return true;
        }
        return false;
    }

    private static String partsText(RankSplit s, String except, Map<String, Long> sizes) {
        List<String> t = new ArrayList<>();
        for (String p : s.parts()) if (!p.equals(except)) t.add(p + "=" + sizes.get(p));
        return String.join(", ", t);
    }

    private static void checkSplit(RankSplit s, Map<String, Long> sizes) {
        if (!sizes.containsKey(s.rank())) return;
        long prod = 1;
        for (String p : s.parts()) {
            if (!sizes.containsKey(p)) return;
            prod = Math.multiplyExact(prod, sizes.get(p));
        }
        if (prod != sizes.get(s.rank())) {
            List<String> t = new ArrayList<>();
            for (String p : s.parts()) t.add(p + "=" + sizes.get(p));
            throw new CascadeException(s.span(), "sizes disagree: " + s.rank() + "=" + sizes.get(s.rank()) + " but "
                    + String.join(" * ", t) + " = " + prod, "give only " + s.rank() + " and " + s.parts().get(s.parts().size() - 1)
                    + ", and the other part is derived");
        }
    }

    private static Set<String> usedNames(CascadeModel m) {
        Set<String> used = new LinkedHashSet<>();
        for (CascadeModel.TensorInfo t : m.tensors().values()) used.addAll(t.ranks());
        used.addAll(m.varRanks().values());
        for (StopCondition s : m.cascade().stops()) used.addAll(s.bound().sizeNames());
        for (Einsum e : m.cascade().einsums()) {
            for (Expr.Access a : CascadeModel.accesses(e)) {
                for (Index i : a.indices()) {
                    used.addAll(i.expr().sizeNames());
                    if (i.condition() != null) used.addAll(i.condition().bound().sizeNames());
                }
            }
            sizeRefs(e.rhs(), used);
        }
        // the whole of a split rank is reported (passes key on it) even when only its parts appear
        boolean grew = true;
        while (grew) {
            grew = false;
            for (RankSplit s : m.cascade().splits()) {
                for (String p : s.parts()) {
                    if (used.contains(p) && used.add(s.rank())) grew = true;
                }
            }
        }
        return used;
    }

    private static void sizeRefs(Expr e, Set<String> out) {
        if (e instanceof Expr.Size) out.add(((Expr.Size) e).name());
        else if (e instanceof Expr.Neg) sizeRefs(((Expr.Neg) e).operand(), out);
        else if (e instanceof Expr.Bin) {
            sizeRefs(((Expr.Bin) e).left(), out);
            sizeRefs(((Expr.Bin) e).right(), out);
        } else if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args()) sizeRefs(a, out);
        }
    }

    /** Largest value an affine index takes over the variables' ranges. */
    public static long maxValue(Affine a, Map<String, Long> sizes, Map<String, Long> varRange) {
        long v = a.constant(sizes);
        for (String var : a.vars()) {
            long c = a.coefficient(var, sizes);
            long hi = varRange.get(var) - 1;
            v = Math.addExact(v, Math.max(0, Math.multiplyExact(c, hi)));
        }
        return v;
    }

    /** Smallest value an affine index takes over the variables' ranges. */
    public static long minValue(Affine a, Map<String, Long> sizes, Map<String, Long> varRange) {
        long v = a.constant(sizes);
        for (String var : a.vars()) {
            long c = a.coefficient(var, sizes);
            long hi = varRange.get(var) - 1;
            v = Math.addExact(v, Math.min(0, Math.multiplyExact(c, hi)));
        }
        return v;
    }
}
