package einsim.cascade;

/** The reduce action of an Einsum: how values landing on one output point combine (EDGE ∨). */
public enum ReduceOp {
    ADD("+", 0.0, "add"),
    MAX("max", Double.NEGATIVE_INFINITY, "max"),
    MIN("min", Double.POSITIVE_INFINITY, "min"),
    MUL("*", 1.0, "mul");

    private final String symbol;
    private final double identity;
    private final String opKind;

    ReduceOp(String symbol, double identity, String opKind) {
        this.symbol = symbol;
        this.identity = identity;
        this.opKind = opKind;
    }

    public String symbol() { return symbol; }
    /** The value a reduction starts from: 0 for +, −∞ for max. */
    public double identity() { return identity; }
    public String opKind() { return opKind; }

    public double combine(double acc, double v) {
        switch (this) {
            case ADD: return acc + v;
            case MAX: return Math.max(acc, v);
            case MIN: return Math.min(acc, v);
            case MUL: return acc * v;
            default: throw new IllegalStateException(name());
        }
    }

    /** Parses {@code +}, {@code add}, {@code sum}, {@code max}, {@code min}, {@code *}; null when unknown. */
    public static ReduceOp parse(String text) {
        switch (text) {
            case "+": case "add": case "sum": return ADD;
            case "max": return MAX;
            case "min": return MIN;
            case "*": case "mul": return MUL;
            default: return null;
        }
    }
}
