package einsim.cascade;

import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.teaal.TeaalReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeaalReaderTest {
    /** The TeAAL brief §8 example (scores without softmax), einsum section plus the sections we ignore. */
    private static final String SPEC = """
            einsum:
              declaration: {Q: [E, P], K: [E, M], V: [F, M], S: [M, P], Z: [F, P]}
              expressions:
                - S[m, p] = Q[e, p] * K[e, m]        # scores, no softmax
                - Z[f, p] = S[m, p] * V[f, m]
            mapping:
              partitioning:
                S: {M: [uniform_shape(256)]}
            shapes: {M: 1024, P: 1024, E: 64, F: 64}
            """;

    @Test
    void importsEinsumSectionWithShapesAsDefaults() {
        Cascade c = TeaalReader.read("attn.yaml", SPEC);
        assertThat(c.name()).isEqualTo("attn");
        assertThat(c.body()).hasSize(2);
        Analysis a = CascadeAnalyzer.analyze(SizedCascade.of(CascadeModel.of(c), Map.of()));
        assertThat(a.einsums().get(0).ops()).isEqualTo(Map.of("mac", 64L * 1024 * 1024));
        assertThat(a.passes()).containsEntry("M", 1);
    }

    @Test
    void scalarsTakeAndAffineIndices() {
        Cascade c = TeaalReader.read("s.yaml", """
                einsum:
                  declaration: {T1: [M, N], C: [M, N], Z: [M, N], I: [M, N], F: [R, S], O: [M, N], A: [K], B: [K], Y: [K]}
                  expressions:
                    - Z[m, n] = a * T1[m, n] + b * C[m, n]
                    - O[x, y] = I[x + r, y + s] * F[r, s]
                    - Y[k] = take(A[k], B[k], 1)
                """);
        assertThat(c.tensor("a")).isPresent();
        assertThat(c.tensor("a").orElseThrow().ranks()).isEmpty();
        assertThat(CascadeModel.of(c).rankOf("x")).isEqualTo("M");
    }

    @Test
    void errorsPointAtTheYaml() {
        assertThatThrownBy(() -> TeaalReader.read("bad.yaml", "einsum:\n  declaration: {A: [K]}\n  expressions:\n"
                + "    - Z[m] = A[k] * B[k]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("tensor B is read by Einsum Z");
        assertThatThrownBy(() -> TeaalReader.read("bad.yaml", "einsum:\n  declaration: {A: [K], B: [M], Z: [M]}\n"
                + "  expressions:\n    - Z[m] = A[k] + B[m]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("walk different variables");
        assertThatThrownBy(() -> TeaalReader.read("bad.yaml", "mapping: {}\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("no 'einsum:' section");
        assertThatThrownBy(() -> TeaalReader.read("bad.yaml", "einsum: [\n")).isInstanceOf(CascadeException.class)
                .hasMessageStartingWith("bad.yaml:").hasMessageContaining("not valid YAML");
    }
}
