package einsim.mappers.map;

import einsim.cascade.Cascade;
import einsim.cascade.Einsum;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Einsum as the mapper sees it: an iteration space of named dimensions (one per index variable, sizes in
 * points) and the tensors it reads and writes, each axis an affine sum of dimensions (a convolution's input row is
 * p·U + r). A tile's footprint along an axis with coefficients c and tile extents x is Σ c·(x − 1) + 1.
 *
 * @param dims    dimension names (the index variables, upper-cased: M, N, K)
 * @param sizes   points per dimension
 * @param tensors inputs first, the output last
 */
public record Workload(String name, List<String> dims, long[] sizes, List<Tensor> tensors) {

    /**
     * @param coefs coefs[axis][dim]: the coefficient of dimension dim in the axis' index (0 when it does not appear)
     * @param wordBytes bytes per element
     */
    public record Tensor(String name, boolean output, long[][] coefs, int wordBytes) {
        public boolean relevant(int dim) {
            for (long[] a : coefs) if (a[dim] != 0) return true;
            return false;
        }

        /** Elements of the tile whose per-dimension extents are {@code x}. */
        public long footprint(long[] x) {
            long n = 1;
            for (long[] a : coefs) {
                long e = 1;
                for (int d = 0; d < x.length; d++) if (a[d] != 0) e += Math.abs(a[d]) * (x[d] - 1);
                n *= e;
            }
            return n;
        }
    }

    public Workload {
        dims = List.copyOf(dims);
        sizes = sizes.clone();
        tensors = List.copyOf(tensors);
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] < 1) throw new MapperException("dimension " + dims.get(d) + " has size " + sizes[d], "every size must be at least 1");
        }
    }

    public int dimIndex(String dim) {
        int i = dims.indexOf(dim.toUpperCase(Locale.ROOT));
        if (i < 0) throw new MapperException("no dimension " + dim + " in " + name, "dimensions: " + String.join(", ", dims));
        return i;
    }

    /** Points of the iteration space = MACs (one operation per point, Timeloop's convention). */
    public long points() {
        long n = 1;
        for (long s : sizes) n = Math.multiplyExact(n, s);
        return n;
    }

    public Tensor output() { return tensors.get(tensors.size() - 1); }

    /** Z[m,n] = A[k,m]·B[k,n] (the bundled gemm cascade's ranks), 1-byte words unless given. */
    public static Workload gemm(long m, long n, long k, int wordBytes) {
        List<String> dims = List.of("M", "N", "K");
        return new Workload("gemm", dims, new long[]{m, n, k}, List.of(
                new Tensor("A", false, new long[][]{{0, 0, 1}, {1, 0, 0}}, wordBytes),
                new Tensor("B", false, new long[][]{{0, 0, 1}, {0, 1, 0}}, wordBytes),
                new Tensor("Z", true, new long[][]{{1, 0, 0}, {0, 1, 0}}, wordBytes)));
    }

    /**
     * One Einsum of a cascade with its sizes. The cascade's tensor widths give the word sizes (bits / 8, at least 1).
     * Every read tensor must be indexed by affine expressions of the iteration variables (no filters).
     */
    public static Workload of(Cascade cascade, String einsumName, Map<String, Long> givenSizes) {
        CascadeModel model = CascadeModel.of(cascade);
        SizedCascade sized = SizedCascade.of(model, givenSizes);
        CascadeModel.EinsumInfo info = null;
        List<String> names = new ArrayList<>();
        for (CascadeModel.EinsumInfo e : model.einsums()) {
            if (e.init()) continue;
            names.add(e.name());
            if (einsumName == null || e.name().equals(einsumName)) {
                if (info != null && einsumName == null) {
                    throw new MapperException(cascade.name() + " has several Einsums", "choose one with --einsum-name (" + String.join(", ", allNames(model)) + ")");
                }
                info = e;
            }
        }
        if (info == null) {
            throw new MapperException(cascade.name() + " has no Einsum " + einsumName, "Einsums: " + String.join(", ", names));
        }
        List<String> vars = info.vars();
        List<String> dims = new ArrayList<>();
        long[] sizes = new long[vars.size()];
        for (int i = 0; i < vars.size(); i++) {
            dims.add(vars.get(i).toUpperCase(Locale.ROOT));
            sizes[i] = sized.range(vars.get(i));
        }
        Map<String, Long> sz = sized.sizes();
        List<Tensor> tensors = new ArrayList<>();
        Einsum es = info.einsum();
        for (Expr.Access a : CascadeModel.rhsAccesses(es.rhs())) {
            if (tensors.stream().anyMatch(t -> t.name().equals(a.tensor()))) continue;
            tensors.add(tensor(model, a, vars, sz, false));
        }
        tensors.add(tensor(model, es.lhs(), vars, sz, true));
        return new Workload(cascade.name() + "." + info.name(), dims, sizes, tensors);
    }

    private static List<String> allNames(CascadeModel model) {
        List<String> out = new ArrayList<>();
        for (CascadeModel.EinsumInfo e : model.einsums()) if (!e.init()) out.add(e.name());
        return out;
    }

    private static Tensor tensor(CascadeModel model, Expr.Access a, List<String> vars, Map<String, Long> sizes, boolean output) {
        long[][] coefs = new long[a.indices().size()][vars.size()];
        for (int ax = 0; ax < a.indices().size(); ax++) {
            Index ix = a.indices().get(ax);
            if (ix.isFilter()) {
                throw new MapperException("tensor " + a.tensor() + " is read through a filter (" + ix + ")", "the mapper handles affine indices only");
            }
            for (int d = 0; d < vars.size(); d++) coefs[ax][d] = ix.coordinate().coefficient(vars.get(d), sizes);
        }
        int bits = model.tensor(a.tensor()) == null ? 16 : model.tensor(a.tensor()).bits();
        return new Tensor(a.tensor(), output, coefs, Math.max(1, bits / 8));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int d = 0; d < dims.size(); d++) sb.append(d == 0 ? "" : ", ").append(dims.get(d)).append('=').append(sizes[d]);
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Workload w && w.name.equals(name) && w.dims.equals(dims) && Arrays.equals(w.sizes, sizes);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(sizes); }
}
