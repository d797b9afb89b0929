package einsim.cascade.parse;

/** A token of one line of a {@code .ein} file; {@code column} is 1-based. */
record Token(Kind kind, String text, int column) {
    enum Kind { IDENT, NUMBER, SYMBOL, END }

    boolean is(String s) { return kind != Kind.END && text.equals(s); }

    String describe() {
        switch (kind) {
            case END: return "the end of the line";
            case NUMBER: return "number " + text;
            case IDENT: return "'" + text + "'";
            default: return "'" + text + "'";
        }
    }
}
