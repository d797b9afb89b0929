package einsim.cascade;

/**
 * One index position of a tensor access: an affine expression and an optional condition.
 *
 * <p>A condition on the expression's own variable with {@code =} fixes a coordinate ({@code m1:m1=0}); any other
 * condition filters the iteration space ({@code k: k <= i}, FuseMax §II-C3).
 */
public record Index(Affine expr, Condition condition) {

    /** {@code var op bound}, for example {@code k <= i}. */
    public record Condition(String var, RelOp op, Affine bound) {
        @Override public String toString() { return var + " " + op.symbol() + " " + bound; }
    }

    public static Index of(Affine expr) { return new Index(expr, null); }

    /** True for {@code v:v=c}: the position is the constant c, and v only names the rank. */
    public boolean isFixed() {
        return condition != null && condition.op() == RelOp.EQ && expr.isPlainVar()
                && expr.vars().get(0).equals(condition.var()) && condition.bound().isConstant();
    }

    /** True for a filter such as {@code k: k <= i}. */
    public boolean isFilter() { return condition != null && !isFixed(); }

    /** The expression that gives the coordinate: the bound for a fixed index, else the expression. */
    public Affine coordinate() { return isFixed() ? condition.bound() : expr; }

    @Override
    public String toString() {
        if (condition == null) return expr.toString();
        return expr + ": " + condition;
    }
}
