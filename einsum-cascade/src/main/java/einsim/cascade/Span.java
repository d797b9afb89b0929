package einsim.cascade;

/**
 * Where a piece of a cascade was written: source name, 1-based line and column, and the text of that line.
 *
 * <p>Contract: a span is not part of a cascade's value. Two spans are always equal, so a cascade printed and
 * parsed back equals the original even though every position moved.
 */
public final class Span {
    /** A span for IR built in code rather than parsed. */
    public static final Span NONE = new Span("<code>", 0, 0, "");

    private final String source;
    private final int line;
    private final int column;
    private final String lineText;

    public Span(String source, int line, int column, String lineText) {
        this.source = source;
        this.line = line;
        this.column = column;
        this.lineText = lineText;
    }

    public String source() { return source; }
    public int line() { return line; }
    public int column() { return column; }
    public String lineText() { return lineText; }

    /** {@code file:line:column}, or the file alone when the position is unknown. */
    public String where() {
        if (line <= 0) return source;
        return column > 0 ? source + ":" + line + ":" + column : source + ":" + line;
    }

    @Override public boolean equals(Object o) { return o instanceof Span; }
    @Override public int hashCode() { return 0; }
    @Override public String toString() { return where(); }
}
