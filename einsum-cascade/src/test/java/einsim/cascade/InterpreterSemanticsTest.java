package einsim.cascade;

import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.interp.DenseTensor;
import einsim.cascade.interp.Interpreter;
import einsim.cascade.parse.CascadeParser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Filters, merges and iterative ranks on small hand-checked cases. */
class InterpreterSemanticsTest {
    private static SizedCascade sized(String text, Map<String, Long> sizes) {
        return SizedCascade.of(CascadeModel.of(CascadeParser.parse("s.ein", text)), sizes);
    }

    /** FuseMax Eqs. 16-17: prefix sums written with filters instead of an iterative rank. */
    @Test
    void filteredPrefixSumsMatchLoopsAndCountTriangularPoints() {
        SizedCascade sc = sized("""
                tensor A[K]
                tensor B[K]
                tensor RY[K]  # i walks K; RY holds K + 1 prefix sums
                tensor S[K]
                RY[i + 1] = A[k: k <= i] * B[k: k <= i]  # (16)
                S[i + 1] = A[k: k <= i]
                """, Map.of("K", 6L));
        Map<String, DenseTensor> in = Interpreter.randomInputs(sc, 2);
        Map<String, DenseTensor> out = Interpreter.run(sc, in);
        double ry = 0;
        double s = 0;
        assertThat(out.get("RY").extents()).containsExactly(7);
        for (int i = 0; i < 6; i++) {
            ry += in.get("A").get(i) * in.get("B").get(i);
            s += in.get("A").get(i);
            assertThat(out.get("RY").get(i + 1)).isCloseTo(ry, org.assertj.core.data.Offset.offset(1e-15));
            assertThat(out.get("S").get(i + 1)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-15));
        }
        Analysis a = CascadeAnalyzer.analyze(sc);
        assertThat(a.einsums().get(0).iterationPoints()).isEqualTo(6 * 7 / 2);
        assertThat(a.einsums().get(0).ops()).isEqualTo(Map.of("mac", 21L));
    }

    @Test
    void filterCountingScalesToMillionsInClosedForm() {
        SizedCascade sc = sized("tensor A[K]\ntensor S[K]\nS[i] = A[k: k < i]\n", Map.of("K", 1L << 20));
        long k = 1L << 20;
        assertThat(CascadeAnalyzer.analyze(sc).einsums().get(0).iterationPoints()).isEqualTo(k * (k - 1) / 2);
    }

    @Test
    void divideOnlyWhereTheDivisorExistsAndIntersectMakesZeroTimesInfinityZero() {
        SizedCascade sc = sized("""
                tensor A[N]
                tensor B[N]
                D[n] = A[n] / B[n]
                U[n] = A[n] / B[n] :: map(/, union)
                C[n] = A[n] / B[n] :: map(/, union)
                P[n] = B[n] * C[n]
                """, Map.of("N", 2L));
        DenseTensor a = new DenseTensor("A", java.util.List.of("N"), new int[]{2}, new double[]{1, 3});
        DenseTensor b = new DenseTensor("B", java.util.List.of("N"), new int[]{2}, new double[]{0, 2});
        Map<String, DenseTensor> out = Interpreter.run(sc, Map.of("A", a, "B", b));
        assertThat(out.get("D").data()).containsExactly(0.0, 1.5);
        assertThat(out.get("U").data()[0]).isInfinite();
        assertThat(out.get("P").data()).containsExactly(0.0, 3.0); // 0 * inf = 0 under intersection
    }

    @Test
    void iterativeRankRunsOncePerIterationAndHoldsEveryIterate() {
        SizedCascade sc = sized("""
                tensor A[K]
                init:
                  S[i: i = 0] = 10
                body:
                  S[i + 1] = S[i] * 2 + A[i]
                until i >= K
                """, Map.of("K", 3L));
        DenseTensor a = new DenseTensor("A", java.util.List.of("K"), new int[]{3}, new double[]{1, 2, 3});
        DenseTensor s = Interpreter.run(sc, Map.of("A", a)).get("S");
        assertThat(s.data()).containsExactly(10, 21, 44, 91);
    }
}
