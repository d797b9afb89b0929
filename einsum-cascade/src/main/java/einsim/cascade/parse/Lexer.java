package einsim.cascade.parse;

import einsim.cascade.CascadeException;
import einsim.cascade.Span;

import java.util.ArrayList;
import java.util.List;

/** Splits one line (without its comment) into tokens. */
final class Lexer {
    private static final String[] SYMBOLS = {"::", "<=", ">=", "==", "[", "]", "(", ")", ",", ":", "=", "+", "-", "*",
            "/", "<", ">", "≤", "≥"};

    private Lexer() {}

    static List<Token> tokens(String source, int lineNo, String line, int length) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < length) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < length && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) j++;
                out.add(new Token(Token.Kind.IDENT, line.substring(i, j), i + 1));
                i = j;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < length && Character.isDigit(line.charAt(i + 1)))) {
                int j = i;
                while (j < length && Character.isDigit(line.charAt(j))) j++;
                if (j < length && line.charAt(j) == '.') {
                    j++;
                    while (j < length && Character.isDigit(line.charAt(j))) j++;
                }
                if (j < length && (line.charAt(j) == 'e' || line.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < length && (line.charAt(k) == '+' || line.charAt(k) == '-')) k++;
                    if (k < length && Character.isDigit(line.charAt(k))) {
                        j = k;
                        while (j < length && Character.isDigit(line.charAt(j))) j++;
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, line.substring(i, j), i + 1));
                i = j;
                continue;
            }
            String sym = null;
            for (String s : SYMBOLS) {
                if (line.startsWith(s, i)) {
                    sym = s;
                    break;
                }
            }
            if (sym == null) {
                throw new CascadeException(new Span(source, lineNo, i + 1, line.stripTrailing()),
                        "unexpected character '" + c + "'",
                        "remove it; Einsums use names, numbers, [ ] ( ) , : = + - * / < <= > >= and :: only");
            }
            String text = sym.equals("≤") ? "<=" : sym.equals("≥") ? ">=" : sym.equals("==") ? "=" : sym;
            out.add(new Token(Token.Kind.SYMBOL, text, i + 1));
            i += sym.length();
        }
        out.add(new Token(Token.Kind.END, "", length + 1));
        return out;
    }
}
