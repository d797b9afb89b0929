package einsim.workloads.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds operator graphs layer by layer with shape inference (channels × frames × height × width; a token matrix is
 * features × 1 × tokens × 1). One byte per element (the zoo's 8-bit data). Each weighted layer gets a parameter
 * tensor ({@code <op>.w}, no producer) that the scheduler counts only with {@code --with-parameters}. Convolutions
 * use "same" padding: the output size is ⌈input / stride⌉. Batch norm and activations are fused into their layer.
 */
public final class GraphBuilder {
    /** Shape of an activation: channels, frames, height, width. */
    public record Shape(long c, long t, long h, long w) {
        long bytes() { return Math.multiplyExact(Math.multiplyExact(c, t), Math.multiplyExact(h, w)); }
    }

    private final String name;
    private final Map<String, Long> tensors = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final List<TensorGraph.Op> ops = new ArrayList<>();

    public GraphBuilder(String name) { this.name = name; }

    public Shape shape(String t) { return shapes.get(t); }

    /** The compulsory load of a graph input, as an op without inputs. */
    public String input(String t, Shape s) {
        return emit("load_" + t, List.of(), t, s);
    }

    private String emit(String op, List<String> in, String out, Shape s) {
        tensors.put(out, s.bytes());
        shapes.put(out, s);
        ops.add(new TensorGraph.Op(op, in, List.of(out)));
        return out;
    }

    private String param(String op, long bytes) {
        String w = op + ".w";
        tensors.put(w, bytes);
        return w;
    }

    /** A 2-D convolution (or 3-D with kt > 1 / st > 1): k×k spatial, kt temporal, groups, stride s (st in time). */
    public String conv3d(String op, String x, long cout, int kt, int k, int st, int s, int groups) {
        Shape in = shapes.get(x);
        Shape out = new Shape(cout, ceil(in.t(), st), ceil(in.h(), s), ceil(in.w(), s));
        long wBytes = (long) kt * k * k * (in.c() / groups) * cout;
        return emit(op, List.of(x, param(op, wBytes)), op, out);
    }

    public String conv(String op, String x, long cout, int k, int s) { return conv3d(op, x, cout, 1, k, 1, s, 1); }

    public String gconv(String op, String x, long cout, int k, int s, int groups) { return conv3d(op, x, cout, 1, k, 1, s, groups); }

    /** Depthwise k×k convolution. */
    public String dw(String op, String x, int k, int s) {
        return conv3d(op, x, shapes.get(x).c(), 1, k, 1, s, (int) shapes.get(x).c());
    }

    /** Spatial pooling (max or average) with stride s. */
    public String pool(String op, String x, int s) {
        Shape in = shapes.get(x);
        return emit(op, List.of(x), op, new Shape(in.c(), in.t(), ceil(in.h(), s), ceil(in.w(), s)));
    }

    /** Global average pooling to c × 1 × 1 × 1. */
    public String gap(String op, String x) {
        return emit(op, List.of(x), op, new Shape(shapes.get(x).c(), 1, 1, 1));
    }

    /** An elementwise op over same-shaped inputs (add, multiply, a gate); broadcast inputs are allowed. */
    public String eltwise(String op, String... xs) {
        return emit(op, List.of(xs), op, shapes.get(xs[0]));
    }

    /** Channel concatenation. */
    public String concat(String op, List<String> xs) {
        Shape s0 = shapes.get(xs.get(0));
        long c = 0;
        for (String x : xs) c += shapes.get(x).c();
        return emit(op, List.copyOf(xs), op, new Shape(c, s0.t(), s0.h(), s0.w()));
    }

    /** Resize (bilinear upsampling) to h × w. */
    public String resize(String op, String x, long h, long w) {
        Shape in = shapes.get(x);
        return emit(op, List.of(x), op, new Shape(in.c(), in.t(), h, w));
    }

    /** A linear layer over a token matrix (features × tokens), with its weight as a parameter. */
    public String linear(String op, String x, long out) {
        Shape in = shapes.get(x);
        return emit(op, List.of(x, param(op, Math.multiplyExact(in.c(), out))), op, new Shape(out, 1, in.h(), 1));
    }

    /** A product of activations with an explicit output shape (attention scores, attention × values). */
    public String matmul(String op, Shape out, String... xs) {
        return emit(op, List.of(xs), op, out);
    }

    /** A cached tensor that is read, not produced, in this graph (a KV cache): a parameter of the given bytes. */
    public String cache(String t, Shape s) {
        tensors.put(t, s.bytes());
        shapes.put(t, s);
        return t;
    }

    public TensorGraph build() {
        List<TensorGraph.Tensor> ts = new ArrayList<>();
        tensors.forEach((k, v) -> ts.add(new TensorGraph.Tensor(k, v)));
        List<String> order = new ArrayList<>();
        for (TensorGraph.Op o : ops) order.add(o.name());
        return new TensorGraph(name, ts, ops, order);
    }

    static long ceil(long a, long b) { return (a + b - 1) / b; }
}
