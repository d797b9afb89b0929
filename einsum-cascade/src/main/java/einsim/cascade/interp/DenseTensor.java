package einsim.cascade.interp;

import java.util.Arrays;
import java.util.List;

/** A dense row-major array of doubles with named ranks; empty points of a fibertree hold 0. */
public final class DenseTensor {
    private final String name;
    private final List<String> ranks;
    private final int[] extents;
    private final int[] strides;
    private final double[] data;

    public DenseTensor(String name, List<String> ranks, int[] extents) {
        this(name, ranks, extents, new double[size(extents)]);
    }

    public DenseTensor(String name, List<String> ranks, int[] extents, double[] data) {
        if (ranks.size() != extents.length) throw new IllegalArgumentException("ranks and extents differ in length");
        if (data.length != size(extents)) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for extents " + Arrays.toString(extents));
        }
        this.name = name;
        this.ranks = List.copyOf(ranks);
        this.extents = extents.clone();
        this.strides = new int[extents.length];
        int s = 1;
        for (int j = extents.length - 1; j >= 0; j--) {
            strides[j] = s;
            s *= extents[j];
        }
        this.data = data;
    }

    private static int size(int[] extents) {
        long n = 1;
        for (int e : extents) n = Math.multiplyExact(n, (long) e);
        return Math.toIntExact(n);
    }

    public String name() { return name; }
    public List<String> ranks() { return ranks; }
    public int[] extents() { return extents.clone(); }
    int[] stridesRaw() { return strides; }
    /** The backing array, row-major (outermost rank first). Mutating it changes the tensor. */
    public double[] data() { return data; }
    public int size() { return data.length; }

    public double get(int... index) { return data[offset(index)]; }

    public void set(double v, int... index) { data[offset(index)] = v; }

    private int offset(int[] index) {
        if (index.length != extents.length) throw new IllegalArgumentException(name + " has " + extents.length + " ranks");
        int o = 0;
        for (int j = 0; j < index.length; j++) {
            if (index[j] < 0 || index[j] >= extents[j]) {
                throw new IndexOutOfBoundsException(name + ": index " + index[j] + " outside 0.." + (extents[j] - 1));
            }
            o += index[j] * strides[j];
        }
        return o;
    }

    /** Largest |this − other| over all points. */
    public double maxAbsDiff(DenseTensor other) {
        if (!Arrays.equals(extents, other.extents)) {
            throw new IllegalArgumentException(name + " has extents " + Arrays.toString(extents) + " but the other "
                    + Arrays.toString(other.extents));
        }
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            double d = Math.abs(data[i] - other.data[i]);
            if (Double.isNaN(d)) {
                if (Double.compare(data[i], other.data[i]) != 0) return Double.POSITIVE_INFINITY;
                continue;
            }
            if (data[i] == other.data[i]) continue; // equal infinities
            m = Math.max(m, d);
        }
        return m;
    }

    /** Largest |value|, ignoring infinities. */
    public double maxAbs() {
        double m = 0;
        for (double v : data) if (!Double.isInfinite(v)) m = Math.max(m, Math.abs(v));
        return m;
    }
}
