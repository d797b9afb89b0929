package einsim.cascade;

import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.parse.CascadeParser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule of CascadeModel and SizedCascade gets one clear sentence. */
class ValidationTest {
    private static CascadeModel model(String text) { return CascadeModel.of(CascadeParser.parse("v.ein", text)); }

    @Test
    void undefinedTensor() {
        assertThatThrownBy(() -> model("Z[m] = A[k, m] * B[k]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("v.ein:1:8: tensor A is read by Einsum Z but no Einsum produces it")
                .hasMessageContaining("Maybe declare the input: tensor A[K, M]");
    }

    @Test
    void rankUsedWithTwoMeanings() {
        assertThatThrownBy(() -> model("tensor A[K, M]\ntensor B[M, N]\nZ[k] = A[k, m] * B[k, m]\n"))
                .isInstanceOf(CascadeException.class)
                .hasMessageContaining("index variable k stands for rank K").hasMessageContaining("but for rank M in B")
                .hasMessageContaining("two meanings");
    }

    @Test
    void cyclicDependencyAndOrder() {
        assertThatThrownBy(() -> model("tensor A[K]\nX[k] = Y[k] + A[k]\nY[k] = X[k] * 2\n"))
                .isInstanceOf(CascadeException.class).hasMessageContaining("cyclic dependency");
        assertThatThrownBy(() -> model("tensor A[K]\nX[k] = Y[k] + A[k]\nY[k] = A[k] * 2\n"))
                .isInstanceOf(CascadeException.class).hasMessageContaining("before the Einsum that produces it (line 3)");
    }

    @Test
    void reductionWithoutReducedRank() {
        assertThatThrownBy(() -> model("tensor A[M, P]\nG[m, p] = A[m, p] :: reduce(max)\n"))
                .isInstanceOf(CascadeException.class)
                .hasMessageContaining("declares reduce(max) but reduces no rank");
    }

    @Test
    void wrongIndexCountAndDoubleProduction() {
        assertThatThrownBy(() -> model("tensor A[K, M]\nZ[m] = A[m]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("tensor A has 2 ranks [K, M] but is indexed with 1");
        assertThatThrownBy(() -> model("tensor A[K]\nZ[] = A[k]\nZ[] = A[k] * 2\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("tensor Z is produced twice");
    }

    @Test
    void missingAndDisagreeingSizes() {
        CascadeModel m = model("tensor K[E, M]\nrank M = M1 * M0\nBK[e, m1, m0] = K[e, m1*M0 + m0]\n");
        assertThatThrownBy(() -> SizedCascade.of(m, Map.of("E", 2L, "M", 8L))).isInstanceOf(CascadeException.class)
                .hasMessageContaining("needs a size for rank").hasMessageContaining("--ranks");
        assertThatThrownBy(() -> SizedCascade.of(m, Map.of("E", 2L, "M", 8L, "M0", 2L, "M1", 3L)))
                .isInstanceOf(CascadeException.class).hasMessageContaining("sizes disagree: M=8 but M1=3 * M0=2 = 6");
        assertThatThrownBy(() -> SizedCascade.of(m, Map.of("E", 2L, "M", 9L, "M0", 2L)))
                .isInstanceOf(CascadeException.class).hasMessageContaining("not a multiple of 2");
        SizedCascade ok = SizedCascade.of(m, Map.of("E", 2L, "M", 8L, "M0", 2L, "UNUSED", 5L));
        assertThat(ok.sizes()).containsEntry("M1", 4L).doesNotContainKey("UNUSED");
        assertThat(ok.extents("BK")).containsExactly(2, 4, 2);
    }

    @Test
    void stoppingConditionMustBeUsed() {
        assertThatThrownBy(() -> model("tensor A[K]\nZ[] = A[k]\nuntil i >= K\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("no Einsum walks the iterative variable i");
    }
}
