package einsim.cascade;

import java.util.List;

/**
 * One extended Einsum: {@code lhs = rhs :: reduce(op)}. Variables of the right-hand side that are absent from
 * the left-hand side are reduced with {@code reduce} (sum by default).
 *
 * @param reduceExplicit whether the reduce action was written (a written reduce must reduce some rank)
 * @param comments       full-line comments written above the Einsum
 * @param trailing       the comment at the end of its line, or null
 */
public record Einsum(Expr.Access lhs, Expr rhs, ReduceOp reduce, boolean reduceExplicit,
                     List<String> comments, String trailing, Span span) {
    public Einsum {
        comments = List.copyOf(comments);
    }

    /** The Einsum's name: the tensor it produces. */
    public String name() { return lhs.tensor(); }
}
