package einsim.workloads;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.interp.DenseTensor;
import einsim.cascade.interp.Interpreter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The interpreter against direct computations and against every tensor of the shared worked example. */
class InterpreterTest {
    private static JsonNode worked;

    @BeforeAll
    static void load() throws IOException {
        worked = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
                .readTree(Cascades.validation().resolve("fusemax/worked_example.json").toFile());
    }

    // ---- attention against a direct softmax ----

    static Stream<Arguments> attentionShapes() {
        return Stream.of(Arguments.of(4L, 6L, 2L, 2L, 2L, 11L), Arguments.of(64L, 40L, 8L, 8L, 16L, 12L),
                Arguments.of(48L, 7L, 5L, 3L, 12L, 13L), Arguments.of(30L, 1L, 16L, 4L, 5L, 14L),
                Arguments.of(128L, 33L, 4L, 9L, 128L, 15L), Arguments.of(96L, 17L, 3L, 6L, 1L, 16L));
    }

    @ParameterizedTest(name = "M={0} P={1} E={2} F={3} M0={4}")
    @MethodSource("attentionShapes")
    void everyAttentionCascadeEqualsDirectSoftmax(long m, long p, long e, long f, long m0, long seed) {
        Map<String, Long> s = Map.of("M", m, "P", p, "E", e, "F", f, "M0", m0);
        SizedCascade ref = Cascades.sized("attention-3pass", s);
        Map<String, DenseTensor> in = Interpreter.randomInputs(ref, seed);
        scale(in, 4.0); // wider scores make the max-subtraction matter
        DenseTensor direct = directAttention(in.get("Q"), in.get("K"), in.get("V"), 1.0);
        for (String c : BundledCascades.ATTENTION) {
            DenseTensor av = Cascades.run(c, s, in).get("AV");
            assertThat(relativeError(av, direct)).as(c).isLessThan(1e-12);
        }
    }

    @Test
    void groupedQueryAttentionEqualsDirectSoftmaxPerHead() {
        long b = 2, h = 2, g = 3, m = 24, p = 5, e = 4, f = 3;
        Map<String, Long> s = Map.of("B", b, "H", h, "G", g, "M", m, "P", p, "E", e, "F", f, "M0", 8L);
        SizedCascade sc = Cascades.sized("mha-gqa", s);
        Map<String, DenseTensor> in = Interpreter.randomInputs(sc, 5);
        DenseTensor av = Interpreter.run(sc, in).get("AV");
        double worst = 0;
        for (int bi = 0; bi < b; bi++) {
            for (int hi = 0; hi < h; hi++) {
                DenseTensor k = slice(in.get("K"), bi, hi, (int) e, (int) m);
                DenseTensor v = slice(in.get("V"), bi, hi, (int) f, (int) m);
                for (int gi = 0; gi < g; gi++) {
                    DenseTensor q = new DenseTensor("Q", List.of("E", "P"), new int[]{(int) e, (int) p});
                    for (int ei = 0; ei < e; ei++) for (int pi = 0; pi < p; pi++) q.set(in.get("Q").get(bi, hi, gi, ei, pi), ei, pi);
                    DenseTensor want = directAttention(q, k, v, 1 / Math.sqrt(e));
                    for (int fi = 0; fi < f; fi++) {
                        for (int pi = 0; pi < p; pi++) {
                            worst = Math.max(worst, Math.abs(av.get(bi, hi, gi, fi, pi) - want.get(fi, pi)) / want.maxAbs());
                        }
                    }
                }
            }
        }
        assertThat(worst).isLessThan(1e-12);
    }

    private static DenseTensor slice(DenseTensor t, int b, int h, int rows, int cols) {
        DenseTensor out = new DenseTensor(t.name(), List.of("X", "M"), new int[]{rows, cols});
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out.set(t.get(b, h, r, c), r, c);
        return out;
    }

    private static void scale(Map<String, DenseTensor> in, double k) {
        for (DenseTensor t : in.values()) {
            double[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] *= k;
        }
    }

    /** AV[f,p] = sum_m softmax_m(scale * sum_e Q[e,p] K[e,m]) V[f,m], computed the textbook way. */
    static DenseTensor directAttention(DenseTensor q, DenseTensor k, DenseTensor v, double scale) {
        int e = q.extents()[0], p = q.extents()[1], m = k.extents()[1], f = v.extents()[0];
        DenseTensor av = new DenseTensor("AV", List.of("F", "P"), new int[]{f, p});
        for (int pi = 0; pi < p; pi++) {
            double[] s = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int mi = 0; mi < m; mi++) {
                double dot = 0;
                for (int ei = 0; ei < e; ei++) dot += q.get(ei, pi) * k.get(ei, mi);
                s[mi] = dot * scale;
                max = Math.max(max, s[mi]);
            }
            double den = 0;
            for (int mi = 0; mi < m; mi++) {
                s[mi] = Math.exp(s[mi] - max);
                den += s[mi];
            }
            for (int fi = 0; fi < f; fi++) {
                double acc = 0;
                for (int mi = 0; mi < m; mi++) acc += s[mi] / den * v.get(fi, mi);
                av.set(acc, fi, pi);
            }
        }
        return av;
    }

    static double relativeError(DenseTensor got, DenseTensor want) {
        return got.maxAbsDiff(want) / want.maxAbs();
    }

    // ---- the shared worked example, every intermediate tensor ----

    private static DenseTensor tensor(String name, JsonNode node) {
        List<String> ranks = new ArrayList<>();
        node.get("ranks").forEach(r -> ranks.add(r.asText()));
        List<Integer> ext = new ArrayList<>();
        JsonNode d = node.get("data");
        while (d.isArray()) {
            ext.add(d.size());
            d = d.get(0);
        }
        List<Double> flat = new ArrayList<>();
        flatten(node.get("data"), flat);
        double[] data = flat.stream().mapToDouble(Double::doubleValue).toArray();
        return new DenseTensor(name, ranks, ext.stream().mapToInt(Integer::intValue).toArray(), data);
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) n.forEach(x -> flatten(x, out));
        else if (n.isTextual()) out.add(Double.parseDouble(n.asText().replace("Infinity", "Infinity")));
        else out.add(n.asDouble());
    }

    private static Map<String, DenseTensor> workedInputs() {
        Map<String, DenseTensor> in = new LinkedHashMap<>();
        worked.get("inputs").fields().forEachRemaining(e -> in.put(e.getKey(), tensor(e.getKey(), e.getValue())));
        return in;
    }

    private static final Map<String, Long> WORKED = Map.of("M", 4L, "P", 6L, "E", 2L, "F", 2L, "M0", 2L);

    /** Compares each tensor of a worked-example section with the cascade's tensor of the same (or mapped) name. */
    private static int assertSection(String section, String cascade, Map<String, String> rename) {
        return assertSection(section, cascade, rename, null);
    }

    /** As above, for the keys in {@code only} (all when null). */
    private static int assertSection(String section, String cascade, Map<String, String> rename, List<String> only) {
        Map<String, DenseTensor> got = Cascades.run(cascade, WORKED, workedInputs());
        int[] compared = {0};
        worked.get(section).fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) return;
            if (only != null && !only.contains(e.getKey())) return;
            String ours = rename.getOrDefault(e.getKey(), e.getKey());
            DenseTensor want = tensor(e.getKey(), e.getValue());
            DenseTensor have = got.get(ours);
            assertThat(have).as(section + "." + e.getKey() + " in " + cascade).isNotNull();
            assertThat(have.extents()).as(section + "." + e.getKey()).containsExactly(want.extents());
            for (int i = 0; i < want.size(); i++) {
                double w = want.data()[i];
                double h = have.data()[i];
                if (w == h) continue;
                assertThat(Math.abs(h - w)).as(section + "." + e.getKey() + "[" + i + "]")
                        .isLessThanOrEqualTo(1e-12 * Math.abs(w));
            }
            compared[0]++;
        });
        return compared[0];
    }

    @Test
    void workedExampleThreePassEveryTensor() {
        assertThat(assertSection("three_pass", "attention-3pass", Map.of())).isEqualTo(6);
        assertThat(assertSection("three_pass_deferred", "attention-3pass-deferred", Map.of())).isEqualTo(2);
    }

    @Test
    void workedExampleOnePassEveryTensorIncludingIterates() {
        assertThat(assertSection("one_pass", "attention-1pass", Map.of())).isEqualTo(14);
        assertThat(assertSection("one_pass_without_deferral", "attention-1pass-nodefer", Map.of())).isEqualTo(1);
    }

    @Test
    void workedExampleTwoPassEveryTensor() {
        assertThat(assertSection("two_pass_derived", "attention-2pass", Map.of(),
                List.of("SLN", "SLD", "GM", "CF", "SD", "A", "AV"))).isEqualTo(7);
        assertThat(assertSection("two_pass_derived", "attention-2pass-deferred", Map.of("AV_deferred", "AV"),
                List.of("SLN", "SLD", "GM", "CF", "SD", "SLNV", "SNV", "AV_deferred"))).isEqualTo(8);
        // BQK and LM of the 2-pass rendering equal the 1-pass cascade's
        assertThat(assertSection("one_pass", "attention-2pass", Map.of(), List.of("BK", "BV", "BQK", "LM"))).isEqualTo(4);
    }

    @Test
    void workedExampleReferenceSoftmax() {
        for (String c : BundledCascades.ATTENTION) {
            assertThat(assertSection("reference", c, Map.of(), List.of("AV"))).as(c).isEqualTo(1);
        }
        assertThat(assertSection("reference", "attention-3pass", Map.of(), List.of("A"))).isEqualTo(1);
    }

    // ---- GEMM, GEMV, conv and Cascades 1-3 against plain loops ----

    @Test
    void gemmAndGemvEqualNaiveLoops() {
        Map<String, Long> s = Map.of("K", 7L, "M", 5L, "N", 3L);
        SizedCascade sc = Cascades.sized("gemm", s);
        Map<String, DenseTensor> in = Interpreter.randomInputs(sc, 3);
        DenseTensor z = Interpreter.run(sc, in).get("Z");
        DenseTensor a = in.get("A"), b = in.get("B");
        for (int m = 0; m < 5; m++) {
            for (int n = 0; n < 3; n++) {
                double acc = 0;
                for (int k = 0; k < 7; k++) acc += a.get(k, m) * b.get(k, n);
                assertThat(z.get(m, n)).isEqualTo(acc);
            }
        }
        SizedCascade gv = Cascades.sized("gemv", s);
        Map<String, DenseTensor> vin = Interpreter.randomInputs(gv, 4);
        DenseTensor y = Interpreter.run(gv, vin).get("Z");
        for (int m = 0; m < 5; m++) {
            double acc = 0;
            for (int k = 0; k < 7; k++) acc += vin.get("A").get(k, m) * vin.get("B").get(k);
            assertThat(y.get(m)).isEqualTo(acc);
        }
    }

    @Test
    void stridedConvEqualsNaiveLoops() {
        int n = 2, c = 3, k = 4, p = 5, q = 4, r = 3, sz = 2, u = 2;
        Map<String, Long> s = new HashMap<>(Map.of("N", (long) n, "C", (long) c, "K", (long) k, "P", (long) p,
                "Q", (long) q, "R", (long) r, "S", (long) sz, "U", (long) u));
        SizedCascade sc = Cascades.sized("conv2d", s);
        assertThat(sc.sizes()).containsEntry("H", (long) (p - 1) * u + r).containsEntry("W", (long) (q - 1) * u + sz);
        Map<String, DenseTensor> in = Interpreter.randomInputs(sc, 9);
        DenseTensor o = Interpreter.run(sc, in).get("O");
        DenseTensor img = in.get("I"), w = in.get("F");
        for (int ni = 0; ni < n; ni++) for (int ki = 0; ki < k; ki++) for (int pi = 0; pi < p; pi++) for (int qi = 0; qi < q; qi++) {
            double acc = 0;
            for (int ci = 0; ci < c; ci++) for (int ri = 0; ri < r; ri++) for (int si = 0; si < sz; si++) {
                acc += img.get(ni, ci, u * pi + ri, u * qi + si) * w.get(ki, ci, ri, si);
            }
            assertThat(o.get(ni, ki, pi, qi)).isCloseTo(acc, org.assertj.core.data.Offset.offset(1e-13));
        }
    }

    @Test
    void pedagogicalCascadesComputeTheSameZ() {
        Map<String, Long> s = Map.of("K", 9L);
        SizedCascade c1 = Cascades.sized("cascade1", s);
        Map<String, DenseTensor> in = Interpreter.randomInputs(c1, 21);
        double sumA = 0, dot = 0;
        for (int k = 0; k < 9; k++) {
            sumA += in.get("A").get(k);
            dot += in.get("A").get(k) * in.get("B").get(k);
        }
        double want = dot * sumA;
        for (String c : List.of("cascade1", "cascade2", "cascade3")) {
            double z = Cascades.run(c, s, in).get("Z").get();
            assertThat(Math.abs(z - want)).as(c).isLessThan(1e-12 * Math.abs(want));
        }
    }
}
