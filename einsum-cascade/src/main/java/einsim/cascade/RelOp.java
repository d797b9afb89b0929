package einsim.cascade;

/** Comparison in a filter ({@code k <= i}), a fixed coordinate ({@code m1 = 0}) or a stopping condition. */
public enum RelOp {
    LE("<="), LT("<"), GE(">="), GT(">"), EQ("=");

    private final String symbol;

    RelOp(String symbol) { this.symbol = symbol; }

    public String symbol() { return symbol; }

    public boolean test(long a, long b) {
        switch (this) {
            case LE: return a <= b;
            case LT: return a < b;
            case GE: return a >= b;
            case GT: return a > b;
            case EQ: return a == b;
            default: throw new IllegalStateException(name());
        }
    }
}
