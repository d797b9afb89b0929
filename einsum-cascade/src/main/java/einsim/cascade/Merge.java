package einsim.cascade;

/**
 * EDGE merge operators: which points of two operands a map or reduce touches (FuseMax §II-C1).
 *
 * <p>On dense arrays an empty point holds 0. Two merges then change a value: {@link #INTERSECT} makes
 * {@code 0 × ∞ = 0} (no NaN), and {@link #TAKE_RIGHT} makes {@code x ÷ 0 = 0} (divide only where the divisor
 * exists, as Cascade 3 needs at i = 0). The others compute plain arithmetic.
 */
public enum Merge {
    /** ∩: both operands non-empty. */
    INTERSECT("intersect"),
    /** ∪: either operand non-empty. */
    UNION("union"),
    /** ←: only where the right operand is non-empty. */
    TAKE_RIGHT("take-right"),
    /** 1: every point, pass-through. */
    PASS("pass");

    private final String keyword;

    Merge(String keyword) { this.keyword = keyword; }

    public String keyword() { return keyword; }

    /** Parses a merge keyword or its symbol ({@code ∩ ∪ ← 1}); null when unknown. */
    public static Merge parse(String text) {
        switch (text) {
            case "intersect": case "∩": return INTERSECT;
            case "union": case "∪": return UNION;
            case "take-right": case "take_right": case "←": return TAKE_RIGHT;
            case "pass": case "1": return PASS;
            default: return null;
        }
    }
}
