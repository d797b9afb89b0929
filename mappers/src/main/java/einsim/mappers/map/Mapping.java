package einsim.mappers.map;

import java.util.Arrays;

/**
 * A mapping of one {@link Workload} onto a {@link MapArch}: for each storage level (0 = per PE, innermost) the
 * temporal tiling factor of every dimension and the loop order (outermost first), the spatial factors over the PE
 * mesh (between level 1 and level 0), and which level keeps which tensor. The product of a dimension's factors may
 * exceed its size (the last tile is padded; the padding costs cycles and traffic but no useful work).
 *
 * @param factors  factors[level][dim] ≥ 1
 * @param order    order[level]: a permutation of the dimensions, outermost loop first
 * @param spatialX spatialX[dim]: factor spread over the mesh's X (rows)
 * @param spatialY spatialY[dim]: factor spread over Y (columns)
 * @param keep     keep[level][tensor]; the outermost level keeps every tensor
 */
public record Mapping(long[][] factors, int[][] order, long[] spatialX, long[] spatialY, boolean[][] keep) {

    public int levels() { return factors.length; }

    public int dims() { return spatialX.length; }

    /** Total factor of a dimension (the padded size). */
    public long total(int d) {
        long p = spatialX[d] * spatialY[d];
        for (long[] f : factors) p *= f[d];
        return p;
    }

    public Mapping copy() {
        long[][] f = new long[factors.length][];
        int[][] o = new int[order.length][];
        boolean[][] k = new boolean[keep.length][];
        for (int i = 0; i < factors.length; i++) {
            f[i] = factors[i].clone();
            o[i] = order[i].clone();
            k[i] = keep[i].clone();
        }
        return new Mapping(f, o, spatialX.clone(), spatialY.clone(), k);
    }

    /** The loop nest, outermost first, as Timeloop prints it. */
    public String loopNest(Workload w, MapArch a) {
        StringBuilder sb = new StringBuilder();
        String indent = "";
        for (int l = levels() - 1; l >= 0; l--) {
            StringBuilder kept = new StringBuilder();
            for (int t = 0; t < w.tensors().size(); t++) {
                if (keep[l][t]) kept.append(kept.length() == 0 ? "" : ", ").append(w.tensors().get(t).name());
            }
            sb.append(indent).append(a.levels().get(l).name()).append(" [").append(kept.length() == 0 ? "bypass" : kept).append("]\n");
            for (int d : order[l]) {
                if (factors[l][d] == 1) continue;
                sb.append(indent).append("for ").append(w.dims().get(d).toLowerCase()).append(l).append(" in [0:")
                        .append(factors[l][d]).append(")\n");
                indent += "  ";
            }
            if (l == 1 || (l == 0 && levels() == 1)) {
                for (int d = 0; d < dims(); d++) {
                    if (spatialX[d] > 1) {
                        sb.append(indent).append("parallel_for ").append(w.dims().get(d).toLowerCase()).append("X in [0:")
                                .append(spatialX[d]).append(")\n");
                        indent += "  ";
                    }
                }
                for (int d = 0; d < dims(); d++) {
                    if (spatialY[d] > 1) {
                        sb.append(indent).append("parallel_for ").append(w.dims().get(d).toLowerCase()).append("Y in [0:")
                                .append(spatialY[d]).append(")\n");
                        indent += "  ";
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mapping m && Arrays.deepEquals(m.factors, factors) && Arrays.deepEquals(m.order, order)
                && Arrays.equals(m.spatialX, spatialX) && Arrays.equals(m.spatialY, spatialY) && Arrays.deepEquals(m.keep, keep);
    }

    @Override
    public int hashCode() { return Arrays.deepHashCode(factors) * 31 + Arrays.deepHashCode(order); }

    @Override
    public String toString() {
        return "Mapping" + Arrays.deepToString(factors) + Arrays.deepToString(order) + Arrays.toString(spatialX) + Arrays.toString(spatialY);
    }
}
