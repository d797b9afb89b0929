package einsim.cascade.interp;

import einsim.cascade.CascadeException;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a cascade on dense {@code double} arrays: the reference semantics that proves two cascades equal.
 *
 * <p>Initialization Einsums run once, in order. In the body, each run of consecutive Einsums that walk an
 * iterative variable runs once per iteration (m1 = 0, 1, ...), in order; the others run once. Reductions start at
 * their identity and accumulate in increasing index order. Reads outside a tensor give 0 (an empty point).
 */
public final class Interpreter {
    /** Largest total number of elements the interpreter allocates (8 bytes each). */
    public static final long MAX_ELEMENTS = 200_000_000L;

    private Interpreter() {}

    /** Random inputs in [-1, 1), seeded, for every input tensor of the cascade. */
    public static Map<String, DenseTensor> randomInputs(SizedCascade sc, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, DenseTensor> in = new LinkedHashMap<>();
        for (CascadeModel.TensorInfo t : sc.model().tensors().values()) {
            if (!t.isInput()) continue;
            DenseTensor d = allocate(sc, t);
            double[] a = d.data();
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextDouble(-1.0, 1.0);
            in.put(t.name(), d);
        }
        return in;
    }

    /** Runs the cascade; the result holds every tensor, inputs included, by name. */
    public static Map<String, DenseTensor> run(SizedCascade sc, Map<String, DenseTensor> inputs) {
        CascadeModel m = sc.model();
        long total = 0;
        for (CascadeModel.TensorInfo t : m.tensors().values()) total = Math.addExact(total, sc.elements(t.name()));
        if (total > MAX_ELEMENTS) {
            throw new CascadeException("the cascade's tensors hold " + total + " elements, more than the interpreter's "
                    + MAX_ELEMENTS, "run it at smaller rank sizes (the interpreter proves equality; analysis needs no data)");
        }
        Map<String, DenseTensor> env = new LinkedHashMap<>();
        for (CascadeModel.TensorInfo t : m.tensors().values()) {
            DenseTensor given = inputs.get(t.name());
            if (t.isInput()) {
                if (given == null) {
                    throw new CascadeException("no values for input tensor " + t.name(), "pass it, or use random inputs");
                }
                int[] want = toInt(sc.extents(t.name()), t.name());
                if (!java.util.Arrays.equals(want, given.extents())) {
                    throw new CascadeException("input " + t.name() + " has extents " + java.util.Arrays.toString(given.extents())
                            + " but the cascade needs " + java.util.Arrays.toString(want), "check the rank sizes");
                }
                env.put(t.name(), given);
            } else {
                env.put(t.name(), allocate(sc, t));
            }
        }
        List<CascadeModel.EinsumInfo> es = m.einsums();
        int i = 0;
        while (i < es.size()) {
            CascadeModel.EinsumInfo e = es.get(i);
            if (e.iterativeVar() == null) {
                new Kernel(sc, e, env).run(-1);
                i++;
                continue;
            }
            String iv = e.iterativeVar();
            int j = i;
            List<Kernel> loop = new ArrayList<>();
            java.util.Set<String> producedInLoop = new java.util.HashSet<>();
            while (j < es.size() && iv.equals(es.get(j).iterativeVar())
                    && !(j > i && readsFinalIterateOf(es.get(j), producedInLoop))) {
                producedInLoop.add(es.get(j).name());
                loop.add(new Kernel(sc, es.get(j++), env));
            }
            long n = sc.range(iv);
            for (long it = 0; it < n; it++) for (Kernel k : loop) k.run(it);
            i = j;
        }
        return env;
    }

    /**
     * True when the Einsum reads the final iterate (a constant index such as {@code RD[M1, p]}) of a tensor the
     * current loop produces: it needs the finished loop, so it starts a new loop over the same rank (a new pass).
     */
    private static boolean readsFinalIterateOf(CascadeModel.EinsumInfo e, java.util.Set<String> produced) {
        for (Expr.Access a : CascadeModel.rhsAccesses(e.einsum().rhs())) {
            if (!produced.contains(a.tensor())) continue;
            for (Index i : a.indices()) if (!i.isFixed() && i.expr().isConstant()) return true;
        }
        return false;
    }

    private static DenseTensor allocate(SizedCascade sc, CascadeModel.TensorInfo t) {
        return new DenseTensor(t.name(), t.ranks(), toInt(sc.extents(t.name()), t.name()));
    }

    private static int[] toInt(long[] ext, String name) {
        int[] r = new int[ext.length];
        for (int j = 0; j < ext.length; j++) {
            if (ext[j] > Integer.MAX_VALUE) {
                throw new CascadeException("tensor " + name + " has extent " + ext[j] + ", too large to interpret",
                        "use smaller rank sizes");
            }
            r[j] = (int) ext[j];
        }
        return r;
    }

    /** One Einsum compiled against the environment: variable slots, accessors and the expression tree. */
    private static final class Kernel {
        private final CascadeModel.EinsumInfo e;
        private final String[] vars;
        private final long[] range;
        private final int nOut;
        private final Accessor out;
        private final Node rhs;
        private final List<Filter> filters = new ArrayList<>();
        private final int iterSlot;
        private final boolean reduces;

        Kernel(SizedCascade sc, CascadeModel.EinsumInfo e, Map<String, DenseTensor> env) {
            this.e = e;
            List<String> order = new ArrayList<>(e.outputVars());
            order.addAll(e.reducedVars());
            for (String v : e.vars()) if (!order.contains(v)) order.add(v);
            this.vars = order.toArray(new String[0]);
            this.nOut = e.outputVars().size();
            this.range = new long[vars.length];
            for (int k = 0; k < vars.length; k++) range[k] = sc.range(vars[k]);
            this.iterSlot = e.iterativeVar() == null ? -1 : order.indexOf(e.iterativeVar());
            this.reduces = !e.reducedVars().isEmpty();
            this.out = new Accessor(sc, e.einsum().lhs(), env, order);
            this.rhs = compile(sc, e.einsum().rhs(), env, order);
        }

        private Node compile(SizedCascade sc, Expr x, Map<String, DenseTensor> env, List<String> order) {
            if (x instanceof Expr.Num) {
                double v = ((Expr.Num) x).value();
                return vals -> v;
            }
            if (x instanceof Expr.Size) {
                double v = sc.sizes().get(((Expr.Size) x).name());
                return vals -> v;
            }
            if (x instanceof Expr.Access) {
                Expr.Access a = (Expr.Access) x;
                Accessor acc = new Accessor(sc, a, env, order);
                for (Index i : a.indices()) {
                    if (i.isFilter()) filters.add(new Filter(sc, i.condition(), order));
                }
                return acc::read;
            }
            if (x instanceof Expr.Neg) {
                Node n = compile(sc, ((Expr.Neg) x).operand(), env, order);
                return vals -> -n.eval(vals);
            }
            if (x instanceof Expr.Bin) {
                Expr.Bin b = (Expr.Bin) x;
                Node l = compile(sc, b.left(), env, order);
                Node r = compile(sc, b.right(), env, order);
                // one lambda per operator, so the JIT sees a monomorphic body instead of a switch per point
                switch (b.op()) {
                    case ADD: return vals -> l.eval(vals) + r.eval(vals);
                    case SUB: return vals -> l.eval(vals) - r.eval(vals);
                    case MAX: return vals -> Math.max(l.eval(vals), r.eval(vals));
                    case MIN: return vals -> Math.min(l.eval(vals), r.eval(vals));
                    case MUL:
                        if (b.merge() == einsim.cascade.Merge.INTERSECT) {
                            return vals -> {
                                double u = l.eval(vals);
                                double y = r.eval(vals);
                                return u == 0.0 || y == 0.0 ? 0.0 : u * y;
                            };
                        }
                        return vals -> l.eval(vals) * r.eval(vals);
                    case DIV:
                        if (b.merge() == einsim.cascade.Merge.TAKE_RIGHT) {
                            return vals -> {
                                double y = r.eval(vals);
                                return y == 0.0 ? 0.0 : l.eval(vals) / y;
                            };
                        }
                        return vals -> l.eval(vals) / r.eval(vals);
                    default:
                        return vals -> b.op().apply(l.eval(vals), r.eval(vals), b.merge());
                }
            }
            Expr.Call c = (Expr.Call) x;
            List<Node> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(compile(sc, a, env, order));
            Node a0 = args.get(0);
            switch (c.function()) {
                case "exp": return vals -> Math.exp(a0.eval(vals));
                case "log": return vals -> Math.log(a0.eval(vals));
                case "sqrt": return vals -> Math.sqrt(a0.eval(vals));
                case "abs": return vals -> Math.abs(a0.eval(vals));
                case "relu": return vals -> Math.max(0.0, a0.eval(vals));
                case "sigmoid": return vals -> 1.0 / (1.0 + Math.exp(-a0.eval(vals)));
                case "tanh": return vals -> Math.tanh(a0.eval(vals));
                case "recip": return vals -> 1.0 / a0.eval(vals);
                case "take": {
                    int keep = (int) ((Expr.Num) c.args().get(c.args().size() - 1)).value();
                    Node[] ops = args.subList(0, args.size() - 1).toArray(new Node[0]);
                    return vals -> {
                        double kept = 0;
                        for (int k = 0; k < ops.length; k++) {
                            double v = ops[k].eval(vals);
                            if (v == 0.0) return 0.0; // intersection: every operand must be present
                            if (k == keep) kept = v;
                        }
                        return kept;
                    };
                }
                default: throw new IllegalStateException("function " + c.function());
            }
        }

        void run(long iteration) {
            long[] vals = new long[vars.length];
            if (iterSlot >= 0) vals[iterSlot] = iteration;
            double identity = e.einsum().reduce().identity();
            boolean outerDone = false;
            for (int k = 0; k < nOut; k++) if (k != iterSlot && range[k] <= 0) return;
            while (!outerDone) {
                double acc = identity;
                boolean any = false;
                // inner loop over reduced (and filter-only) variables
                for (int k = nOut; k < vars.length; k++) if (k != iterSlot) vals[k] = 0;
                boolean innerDone = false;
                boolean empty = false;
                for (int k = nOut; k < vars.length; k++) if (k != iterSlot && range[k] <= 0) empty = true;
                while (!innerDone && !empty) {
                    if (passes(vals)) {
                        double v = rhs.eval(vals);
                        acc = reduces ? e.einsum().reduce().combine(acc, v) : v;
                        any = true;
                    }
                    innerDone = advance(vals, nOut, vars.length);
                }
                if (any) out.write(vals, acc);
                outerDone = advance(vals, 0, nOut);
            }
        }

        private boolean passes(long[] vals) {
            for (Filter f : filters) if (!f.test(vals)) return false;
            return true;
        }

        /** Odometer over slots [from, to), last fastest; true when it wrapped around. */
        private boolean advance(long[] vals, int from, int to) {
            for (int k = to - 1; k >= from; k--) {
                if (k == iterSlot) continue;
                if (++vals[k] < range[k]) return false;
                vals[k] = 0;
            }
            return true;
        }
    }

    @FunctionalInterface
    private interface Node {
        double eval(long[] vals);
    }

    /** {@code var op bound} over variable slots. */
    private static final class Filter {
        private final int slot;
        private final einsim.cascade.RelOp op;
        private final long[] coef;
        private final long constant;

        Filter(SizedCascade sc, Index.Condition c, List<String> order) {
            this.slot = order.indexOf(c.var());
            this.op = c.op();
            this.coef = new long[order.size()];
            for (String v : c.bound().vars()) coef[order.indexOf(v)] = c.bound().coefficient(v, sc.sizes());
            this.constant = c.bound().constant(sc.sizes());
        }

        boolean test(long[] vals) {
            long t = constant;
            for (int k = 0; k < coef.length; k++) t += coef[k] * vals[k];
            return op.test(vals[slot], t);
        }
    }

    /**
     * Reads or writes one tensor at affine coordinates of the variable slots. When every coordinate provably stays
     * inside the tensor (the usual case), the flat offset is one dot product with no bounds checks.
     */
    private static final class Accessor {
        private final String tensor;
        private final double[] data;
        private final int[] extents;
        private final long[][] coef;
        private final long[] constant;
        private final int[] strides;
        private final int[] slots;
        private final long[] flatCoef;
        private final long flatConst;
        private final boolean checked;

        Accessor(SizedCascade sc, Expr.Access a, Map<String, DenseTensor> env, List<String> order) {
            DenseTensor t = env.get(a.tensor());
            this.tensor = a.tensor();
            this.data = t.data();
            this.extents = t.extents();
            this.strides = t.stridesRaw();
            int n = a.indices().size();
            this.coef = new long[n][order.size()];
            this.constant = new long[n];
            boolean mayLeave = false;
            Map<String, Long> ranges = new java.util.HashMap<>();
            for (String v : order) ranges.put(v, sc.range(v));
            for (int j = 0; j < n; j++) {
                einsim.cascade.Affine x = a.indices().get(j).coordinate();
                for (String v : x.vars()) coef[j][order.indexOf(v)] = x.coefficient(v, sc.sizes());
                constant[j] = x.constant(sc.sizes());
                long lo = SizedCascade.minValue(x, sc.sizes(), ranges);
                long hi = SizedCascade.maxValue(x, sc.sizes(), ranges);
                if (lo < 0 || hi >= extents[j]) mayLeave = true;
            }
            this.checked = mayLeave;
            long[] fc = new long[order.size()];
            long c0 = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < fc.length; k++) fc[k] += coef[j][k] * strides[j];
                c0 += constant[j] * strides[j];
            }
            int used = 0;
            for (long x : fc) if (x != 0) used++;
            this.slots = new int[used];
            this.flatCoef = new long[used];
            int u = 0;
            for (int k = 0; k < fc.length; k++) {
                if (fc[k] != 0) {
                    slots[u] = k;
                    flatCoef[u++] = fc[k];
                }
            }
            this.flatConst = c0;
        }

        /** Flat offset, or -1 when a coordinate falls outside the tensor. */
        private int offset(long[] vals) {
            if (!checked) {
                long o = flatConst;
                for (int u = 0; u < slots.length; u++) o += flatCoef[u] * vals[slots[u]];
                return (int) o;
            }
            int o = 0;
            for (int j = 0; j < coef.length; j++) {
                long c = constant[j];
                long[] cj = coef[j];
                for (int k = 0; k < cj.length; k++) if (cj[k] != 0) c += cj[k] * vals[k];
                if (c < 0 || c >= extents[j]) return -1;
                o += (int) c * strides[j];
            }
            return o;
        }

        double read(long[] vals) {
            int o = offset(vals);
            return o < 0 ? 0.0 : data[o];
        }

        void write(long[] vals, double v) {
            int o = offset(vals);
            if (o < 0) throw new IllegalStateException("write outside " + tensor); // extents cover every write
            data[o] = v;
        }
    }
}
