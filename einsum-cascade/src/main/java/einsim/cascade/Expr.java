package einsim.cascade;

import java.util.List;

/** The right-hand side of an extended Einsum: a tree of map operators over tensor accesses and constants. */
public sealed interface Expr permits Expr.Num, Expr.Size, Expr.Access, Expr.Neg, Expr.Bin, Expr.Call {

    /** A number; {@code inf} and {@code -inf} included. */
    record Num(double value) implements Expr {}

    /** A rank size used as a value, for example {@code sqrt(E)}. */
    record Size(String name, Span span) implements Expr {}

    /** {@code T[i, j]}: a tensor read (or, on a left-hand side, the point written). */
    record Access(String tensor, List<Index> indices, Span span) implements Expr {
        public Access {
            indices = List.copyOf(indices);
        }
    }

    /** Unary minus. */
    record Neg(Expr operand) implements Expr {}

    /** A binary map: {@code a + b}, {@code a * b}, {@code a / b}, {@code max(a, b)}, with its merge. */
    record Bin(BinOp op, Expr left, Expr right, Merge merge) implements Expr {
        public Bin(BinOp op, Expr left, Expr right) { this(op, left, right, op.defaultMerge()); }
    }

    /** A user function: {@code exp(x)} ({@code exp(a - b)} is sub-then-exp), {@code sqrt}, ...; also TeAAL's take. */
    record Call(String function, List<Expr> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }
}
