package einsim.cascade;

/** Binary map operators of an extended Einsum, with their default merge (FuseMax §II-C2 shorthands). */
public enum BinOp {
    ADD("+", Merge.UNION, "add"),
    SUB("-", Merge.UNION, "sub"),
    MUL("*", Merge.INTERSECT, "mul"),
    DIV("/", Merge.TAKE_RIGHT, "div"),
    MAX("max", Merge.UNION, "max"),
    MIN("min", Merge.UNION, "min");

    private final String symbol;
    private final Merge defaultMerge;
    private final String opKind;

    BinOp(String symbol, Merge defaultMerge, String opKind) {
        this.symbol = symbol;
        this.defaultMerge = defaultMerge;
        this.opKind = opKind;
    }

    /** The operator as written: {@code +}, {@code *}, or a function name for max and min. */
    public String symbol() { return symbol; }
    public Merge defaultMerge() { return defaultMerge; }
    /** The key under which analysis counts this operator ({@code add}, {@code mul}, ...). */
    public String opKind() { return opKind; }
    public boolean isFunction() { return this == MAX || this == MIN; }

    public double apply(double a, double b, Merge merge) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return merge == Merge.INTERSECT && (a == 0.0 || b == 0.0) ? 0.0 : a * b;
            case DIV: return merge == Merge.TAKE_RIGHT && b == 0.0 ? 0.0 : a / b;
            case MAX: return Math.max(a, b);
            case MIN: return Math.min(a, b);
            default: throw new IllegalStateException(name());
        }
    }
}
