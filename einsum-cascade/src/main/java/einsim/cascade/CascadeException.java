package einsim.cascade;

/**
 * The one error type of the cascade language: a syntax error, an invalid cascade, or bad rank sizes.
 *
 * <p>Its message is meant for people: the place ({@code file:line:column}), the line with a caret under the
 * spot, the rule that was broken, and a hint that starts with "Maybe". Callers map it to exit code 2.
 */
public class CascadeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Span span;
    private final String rule;
    private final String hint;

    public CascadeException(Span span, String rule, String hint) {
        super(format(span, rule, hint));
        this.span = span == null ? Span.NONE : span;
        this.rule = rule;
        this.hint = hint;
    }

    public CascadeException(String rule, String hint) { this(Span.NONE, rule, hint); }

    public Span span() { return span; }
    public String rule() { return rule; }
    public String hint() { return hint; }

    private static String format(Span span, String rule, String hint) {
        StringBuilder sb = new StringBuilder();
        if (span != null && span.line() > 0) sb.append(span.where()).append(": ");
        else if (span != null && !span.source().equals(Span.NONE.source())) sb.append(span.source()).append(": ");
        sb.append(rule);
        if (span != null && span.line() > 0 && span.lineText() != null && !span.lineText().isEmpty()) {
            sb.append('\n').append("  ").append(span.lineText());
            if (span.column() > 0) {
                sb.append('\n').append("  ").append(" ".repeat(Math.max(0, span.column() - 1))).append('^');
            }
        }
        if (hint != null && !hint.isEmpty()) sb.append('\n').append("Maybe ").append(hint);
        return sb.toString();
    }
}
