package einsim.cascade;

import einsim.cascade.parse.CascadeParser;
import einsim.cascade.parse.CascadePrinter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {

    private static Cascade parse(String text) { return CascadeParser.parse("t.ein", text); }

    @Test
    void parsesDeclarationsEinsumsAndActions() {
        Cascade c = parse("""
                # header
                cascade demo
                tensor A[K, M] bits 8  # weights
                tensor B[K]
                rank M = M1 * M0
                size U = 2
                Z[m] = A[k, m] * B[k]
                G[] = Z[m] :: reduce(max)
                """);
        assertThat(c.name()).isEqualTo("demo");
        assertThat(c.comments()).containsExactly("header");
        assertThat(c.tensors()).extracting(TensorDecl::bits).containsExactly(8, 16);
        assertThat(c.tensors().get(0).trailing()).isEqualTo("weights");
        assertThat(c.splits().get(0).parts()).containsExactly("M1", "M0");
        assertThat(c.body()).hasSize(2);
        assertThat(c.body().get(1).reduce()).isEqualTo(ReduceOp.MAX);
        Expr.Bin mul = (Expr.Bin) c.body().get(0).rhs();
        assertThat(mul.op()).isEqualTo(BinOp.MUL);
        assertThat(mul.merge()).isEqualTo(Merge.INTERSECT);
    }

    @Test
    void indexFormsAffineFixedFilterAndFinalIterate() {
        Cascade c = parse("""
                tensor K[E, M]
                tensor A[K]
                BK[e, m1, m0] = K[e, m1*M0 + m0]
                RM[m1: m1 = 0, p] = -inf
                S[i] = A[k: k <= i]
                Z[p] = RM[M1, p]
                """);
        Expr.Access k = (Expr.Access) c.body().get(0).rhs();
        assertThat(k.indices().get(1).expr().toString()).isEqualTo("m1*M0 + m0");
        Index fixed = c.body().get(1).lhs().indices().get(0);
        assertThat(fixed.isFixed()).isTrue();
        assertThat(fixed.coordinate().isConstant()).isTrue();
        assertThat(((Expr.Num) c.body().get(1).rhs()).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        Index filter = ((Expr.Access) c.body().get(2).rhs()).indices().get(0);
        assertThat(filter.isFilter()).isTrue();
        assertThat(filter.condition().op()).isEqualTo(RelOp.LE);
        assertThat(((Expr.Access) c.body().get(3).rhs()).indices().get(0).expr().sizeNames()).containsExactly("M1");
    }

    @Test
    void expExpressionsAndFunctions() {
        Cascade c = parse("Y[m] = exp(A[m] - B[m]) / max(A[m], B[m]) + sqrt(E)\n");
        String printed = CascadePrinter.einsum(c.body().get(0));
        assertThat(printed).isEqualTo("Y[m] = exp(A[m] - B[m]) / max(A[m], B[m]) + sqrt(E)");
    }

    @Test
    void parenthesesKeptOnlyWhereTheTreeNeedsThem() {
        for (String rhs : List.of("a[] - (b[] - c[])", "(a[] + b[]) * c[]", "a[] / (b[] * c[])", "-(a[] + b[])",
                "a[] * -2", "2 * a[] - -3")) {
            Cascade c = parse("y[] = " + rhs + "\n");
            String printed = CascadePrinter.einsum(c.body().get(0));
            assertThat(printed).isEqualTo("y[] = " + rhs);
            assertThat(parse(printed + "\n")).isEqualTo(c);
        }
    }

    @Test
    void mergeOverrideIsKeptAndPrinted() {
        Cascade c = parse("Z[m] = A[m] / B[m] :: map(/, union)\n");
        assertThat(((Expr.Bin) c.body().get(0).rhs()).merge()).isEqualTo(Merge.UNION);
        assertThat(CascadePrinter.einsum(c.body().get(0))).isEqualTo("Z[m] = A[m] / B[m] :: map(/, union)");
    }

    @Test
    void syntaxErrorNamesFileLineColumnWithCaretAndHint() {
        assertThatThrownBy(() -> parse("tensor Q[E, P]\nQK[m, p = Q[e, p]\n"))
                .isInstanceOf(CascadeException.class)
                .hasMessageStartingWith("t.ein:2:9: expected ',' or ']' in the index list of QK, found '='")
                .hasMessageContaining("\n  QK[m, p = Q[e, p]\n          ^\n")
                .hasMessageContaining("Maybe ");
    }

    @Test
    void badCharactersAndNonAffineIndicesAreReported() {
        assertThatThrownBy(() -> parse("Z[m] = A[m] $ B[m]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("t.ein:1:13: unexpected character '$'");
        assertThatThrownBy(() -> parse("Z[m] = A[m*k]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("must be affine");
        assertThatThrownBy(() -> parse("Z[m] = foo(A[m])\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("unknown function 'foo'").hasMessageContaining("Maybe use one of max, min, exp");
        assertThatThrownBy(() -> parse("Z[m] = A[m] :: reduce(avg)\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("unknown reduce operator");
        assertThatThrownBy(() -> parse("tensor Q[e]\n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("rank 'e' must start with an upper-case letter");
        assertThatThrownBy(() -> parse("Z[m] = \n")).isInstanceOf(CascadeException.class)
                .hasMessageContaining("expected a right-hand side");
    }

    @Test
    void commentsSurviveAsLeadingAndTrailing() {
        Cascade c = parse("""
                cascade x
                # about A
                tensor A[K]
                # about Z
                Z[] = A[k]  # sum
                # the end
                """);
        assertThat(c.tensors().get(0).comments()).containsExactly("about A");
        assertThat(c.body().get(0).comments()).containsExactly("about Z");
        assertThat(c.body().get(0).trailing()).isEqualTo("sum");
        assertThat(c.trailingComments()).containsExactly("the end");
        assertThat(parse(CascadePrinter.print(c))).isEqualTo(c);
    }
}
