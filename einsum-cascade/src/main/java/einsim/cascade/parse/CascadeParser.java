package einsim.cascade.parse;

import einsim.cascade.Affine;
import einsim.cascade.BinOp;
import einsim.cascade.Cascade;
import einsim.cascade.CascadeException;
import einsim.cascade.Einsum;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.Merge;
import einsim.cascade.RankSplit;
import einsim.cascade.ReduceOp;
import einsim.cascade.RelOp;
import einsim.cascade.SizeDef;
import einsim.cascade.Span;
import einsim.cascade.StopCondition;
import einsim.cascade.TensorDecl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the {@code .ein} notation for extended Einsums (EDGE, as FuseMax writes it) into a {@link Cascade}.
 *
 * <p>One statement per line; {@code #} starts a comment. Statements: {@code cascade NAME}, {@code tensor T[R, ...]
 * [bits N]}, {@code rank M = M1 * M0}, {@code size U = 2}, the section labels {@code init:} and {@code body:},
 * {@code until m1 >= M1}, and Einsums {@code Z[m, n] = A[k, m] * B[k, n] [:: reduce(max)]}. The grammar is in
 * {@code docs/ein-language.md}. Syntax is checked here; meaning (undefined tensors, ranks) in
 * {@link einsim.cascade.analysis.CascadeModel}.
 */
public final class CascadeParser {
    private static final Set<String> UNARY = Set.of("exp", "log", "sqrt", "abs", "relu", "sigmoid", "tanh", "recip");
    /** Functions a right-hand side may call. */
    public static final List<String> FUNCTIONS = List.of("max", "min", "exp", "log", "sqrt", "abs", "relu", "sigmoid",
            "tanh", "recip", "take");
    private static final String EINSUM_HINT = "an Einsum reads like Z[m, n] = A[k, m] * B[k, n]";

    private final String source;
    private int lineNo;
    private String lineText;
    private List<Token> toks;
    private int pos;

    private CascadeParser(String source) { this.source = source; }

    /** Parses a whole file. {@code source} names it in messages; the cascade's default name is its base name. */
    public static Cascade parse(String source, String text) {
        return new CascadeParser(source).file(text);
    }

    /** Parses one Einsum written on one line (used by the TeAAL reader). */
    public static Einsum parseEinsum(String source, int lineNo, String text) {
        CascadeParser p = new CascadeParser(source);
        p.start(lineNo, text, text.length());
        Einsum e = p.einsum(List.of(), null);
        p.expectEnd("after the Einsum");
        return e;
    }

    /** The default cascade name for a source: its file name without directories and extension. */
    public static String baseName(String source) {
        String n = source.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private Cascade file(String text) {
        String name = null;
        List<String> header = new ArrayList<>();
        List<TensorDecl> tensors = new ArrayList<>();
        List<RankSplit> splits = new ArrayList<>();
        List<SizeDef> sizes = new ArrayList<>();
        List<Einsum> init = new ArrayList<>();
        List<Einsum> body = new ArrayList<>();
        List<StopCondition> stops = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        boolean inInit = false;
        boolean sawStatement = false;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String raw = lines[n];
            int hash = raw.indexOf('#');
            String trailing = hash >= 0 ? raw.substring(hash + 1).strip() : null;
            int codeLen = hash >= 0 ? hash : raw.length();
            if (raw.substring(0, codeLen).isBlank()) {
                if (trailing != null) pending.add(trailing);
                continue;
            }
            start(n + 1, raw, codeLen);
            Token first = peek();
            boolean keyword = first.kind() == Token.Kind.IDENT && !toks.get(1).is("[");
            if (keyword && first.is("cascade")) {
                if (name != null) throw error(first, "a second 'cascade' line", "keep one 'cascade NAME' line per file");
                if (sawStatement) throw error(first, "'cascade NAME' must come before every other statement",
                        "move it to the top of the file");
                next();
                name = cascadeName();
                header.addAll(pending);
                pending.clear();
                if (trailing != null) header.add(trailing);
                continue;
            }
            sawStatement = true;
            List<String> comments = List.copyOf(pending);
            pending.clear();
            if (keyword && first.is("tensor")) {
                next();
                tensors.add(tensorDecl(comments, trailing));
            } else if (keyword && first.is("rank")) {
                next();
                splits.add(rankSplit(comments, trailing));
            } else if (keyword && first.is("size")) {
                next();
                sizes.add(sizeDef(comments, trailing));
            } else if (keyword && (first.is("init") || first.is("body")) && toks.get(1).is(":")) {
                if (!comments.isEmpty() || trailing != null) {
                    throw error(first, "a comment on a section label is not kept",
                            "move the comment onto the first Einsum of the section");
                }
                next();
                next();
                expectEnd("after the section label");
                inInit = first.is("init");
                if (inInit && !body.isEmpty()) {
                    throw error(first, "'init:' after Einsums of the body", "put the Initialization Einsums first");
                }
            } else if (keyword && first.is("until")) {
                next();
                stops.add(stop(comments, trailing));
            } else {
                Einsum e = einsum(comments, trailing);
                expectEnd("after the Einsum");
                (inInit ? init : body).add(e);
            }
        }
        if (name == null) name = baseName(source);
        if (init.isEmpty() && body.isEmpty()) {
            throw new CascadeException(new Span(source, 0, 0, ""), "the file holds no Einsum",
                    "write at least one, as in Z[m, n] = A[k, m] * B[k, n]");
        }
        return new Cascade(name, header, tensors, splits, sizes, init, body, stops, pending);
    }

    private void start(int lineNo, String raw, int codeLen) {
        this.lineNo = lineNo;
        this.lineText = raw.stripTrailing();
        this.toks = Lexer.tokens(source, lineNo, raw, codeLen);
        this.pos = 0;
    }

    private Token peek() { return toks.get(pos); }

    private Token next() { return toks.get(pos++); }

    private Span span(Token t) { return new Span(source, lineNo, t.column(), lineText); }

    private CascadeException error(Token at, String rule, String hint) {
        return new CascadeException(span(at), rule, hint);
    }

    private CascadeException expected(String what, String hint) {
        Token t = peek();
        return error(t, "expected " + what + ", found " + t.describe(), hint);
    }

    private Token expect(String symbol, String context, String hint) {
        if (!peek().is(symbol)) throw expected("'" + symbol + "' " + context, hint);
        return next();
    }

    private void expectEnd(String context) {
        if (peek().kind() != Token.Kind.END) {
            throw error(peek(), "unexpected " + peek().describe() + " " + context,
                    "remove it, or start a comment with #");
        }
    }

    private String ident(String what, String hint) {
        if (peek().kind() != Token.Kind.IDENT) throw expected(what, hint);
        return next().text();
    }

    private String cascadeName() {
        Token t = peek();
        if (t.kind() == Token.Kind.END) throw expected("a cascade name", "write: cascade attention-1pass");
        StringBuilder sb = new StringBuilder();
        int end = t.column();
        while (peek().kind() != Token.Kind.END) {
            Token x = peek();
            if (x.column() != end) break;
            if (!(x.kind() != Token.Kind.SYMBOL || x.is("-"))) break;
            sb.append(x.text());
            end = x.column() + x.text().length();
            next();
        }
        expectEnd("after the cascade name (names use letters, digits, _ and -)");
        return sb.toString();
    }

    private TensorDecl tensorDecl(List<String> comments, String trailing) {
        Token at = peek();
        String name = ident("a tensor name after 'tensor'", "write: tensor Q[E, P]");
        expect("[", "after the tensor name", "list the tensor's ranks: tensor " + name + "[E, P]");
        List<String> ranks = new ArrayList<>();
        if (!peek().is("]")) {
            do {
                Token r = peek();
                String rank = ident("a rank name", "ranks are upper-case names such as M or M1");
                if (!Character.isUpperCase(rank.charAt(0))) {
                    throw error(r, "rank '" + rank + "' must start with an upper-case letter",
                            "write " + Character.toUpperCase(rank.charAt(0)) + rank.substring(1)
                                    + "; lower-case names are index variables");
                }
                ranks.add(rank);
            } while (peek().is(",") && next() != null);
        }
        expect("]", "to close the rank list", "write: tensor " + name + "[E, P]");
        int bits = TensorDecl.DEFAULT_BITS;
        if (peek().is("bits")) {
            next();
            Token b = peek();
            if (b.kind() != Token.Kind.NUMBER) throw expected("an element width in bits", "write: bits 8");
            next();
            try {
                bits = Integer.parseInt(b.text());
            } catch (NumberFormatException ex) {
                throw error(b, "element width '" + b.text() + "' is not a whole number", "write: bits 8");
            }
            if (bits < 1 || bits > 1024) {
                throw error(b, "element width " + bits + " bits is outside 1..1024", "write a width such as 4, 8 or 16");
            }
        }
        expectEnd("after the tensor declaration");
        return new TensorDecl(name, ranks, bits, comments, trailing, span(at));
    }

    private RankSplit rankSplit(List<String> comments, String trailing) {
        Token at = peek();
        String rank = ident("a rank name after 'rank'", "write: rank M = M1 * M0");
        expect("=", "after the rank name", "write: rank " + rank + " = " + rank + "1 * " + rank + "0");
        List<String> parts = new ArrayList<>();
        parts.add(ident("the outer part of the rank", "write: rank " + rank + " = " + rank + "1 * " + rank + "0"));
        while (peek().is("*")) {
            next();
            parts.add(ident("the next part of the rank", "write: rank " + rank + " = " + rank + "1 * " + rank + "0"));
        }
        if (parts.size() < 2) {
            throw error(at, "rank " + rank + " must be split into two or more parts",
                    "write: rank " + rank + " = " + rank + "1 * " + rank + "0");
        }
        expectEnd("after the rank split");
        return new RankSplit(rank, parts, comments, trailing, span(at));
    }

    private SizeDef sizeDef(List<String> comments, String trailing) {
        Token at = peek();
        String name = ident("a size name after 'size'", "write: size U = 2");
        expect("=", "after the size name", "write: size " + name + " = 2");
        Affine value = affine();
        if (!value.isConstant()) {
            throw error(at, "size " + name + " uses an index variable", "sizes use numbers and other sizes only");
        }
        expectEnd("after the size");
        return new SizeDef(name, value, comments, trailing, span(at));
    }

    private StopCondition stop(List<String> comments, String trailing) {
        Token at = peek();
        String var = ident("an index variable after 'until'", "write: until m1 >= M1");
        RelOp op = relOp("a comparison after the variable", "write: until " + var + " >= " + var.toUpperCase());
        Affine bound = affine();
        if (!bound.isConstant()) {
            throw error(at, "the stopping bound uses an index variable", "compare with a size: until " + var + " >= "
                    + var.toUpperCase());
        }
        expectEnd("after the stopping condition");
        return new StopCondition(var, op, bound, comments, trailing, span(at));
    }

    private RelOp relOp(String what, String hint) {
        Token t = peek();
        RelOp op;
        switch (t.text()) {
            case "<=": op = RelOp.LE; break;
            case "<": op = RelOp.LT; break;
            case ">=": op = RelOp.GE; break;
            case ">": op = RelOp.GT; break;
            case "=": op = RelOp.EQ; break;
            default: throw expected(what, hint);
        }
        next();
        return op;
    }

    // ---- Einsums ----

    private Einsum einsum(List<String> comments, String trailing) {
        Token at = peek();
        if (at.kind() != Token.Kind.IDENT) throw expected("an Einsum or a statement", EINSUM_HINT);
        String name = next().text();
        if (!peek().is("[")) {
            throw expected("'[' after the tensor name " + name,
                    EINSUM_HINT + " (a scalar output is written " + name + "[]); statements start with cascade, "
                            + "tensor, rank, size, init:, body: or until");
        }
        Expr.Access lhs = accessRest(name, at);
        if (!peek().is("=")) {
            throw expected("'=' after the left-hand side", EINSUM_HINT);
        }
        next();
        if (peek().kind() == Token.Kind.END) throw expected("a right-hand side after '='", EINSUM_HINT);
        Expr rhs = expr();
        ReduceOp reduce = ReduceOp.ADD;
        boolean explicit = false;
        if (peek().is("::")) {
            next();
            do {
                Token action = peek();
                String kind = ident("'reduce(...)' or 'map(...)' after '::'", "write: :: reduce(max)");
                if (kind.equals("reduce")) {
                    if (explicit) throw error(action, "a second reduce action", "give one reduce(...) per Einsum");
                    reduce = reduceAction();
                    explicit = true;
                } else if (kind.equals("map")) {
                    rhs = mapAction(action, rhs);
                } else {
                    throw error(action, "unknown action '" + kind + "'", "use reduce(max) or map(max, union)");
                }
            } while (peek().is(",") && next() != null);
        }
        return new Einsum(lhs, rhs, reduce, explicit, comments, trailing, span(at));
    }

    private List<Token> actionArgs(String which) {
        expect("(", "after '" + which + "'", "write: " + which + "(max)");
        List<Token> args = new ArrayList<>();
        while (!peek().is(")")) {
            if (peek().kind() == Token.Kind.END) throw expected("')'", "close the action: " + which + "(max)");
            Token t = next();
            if (t.is(",")) continue;
            if (t.is("-") && peek().kind() == Token.Kind.IDENT && peek().column() == t.column() + 1) {
                Token r = next(); // take-right written with a dash: join back
                args.add(new Token(Token.Kind.IDENT, "-" + r.text(), t.column()));
                continue;
            }
            if (t.kind() == Token.Kind.IDENT && peek().is("-") && toks.get(pos + 1).kind() == Token.Kind.IDENT
                    && peek().column() == t.column() + t.text().length()) {
                next();
                Token r = next();
                args.add(new Token(Token.Kind.IDENT, t.text() + "-" + r.text(), t.column()));
                continue;
            }
            args.add(t);
        }
        next();
        return args;
    }

    private ReduceOp reduceAction() {
        ReduceOp op = null;
        Token unknown = null;
        for (Token t : actionArgs("reduce")) {
            ReduceOp r = ReduceOp.parse(t.text());
            Merge m = Merge.parse(t.text());
            if (r != null) {
                if (op != null) throw error(t, "two reduce operators", "give one: reduce(max)");
                op = r;
            } else if (m != null) {
                if (m != Merge.UNION) {
                    throw error(t, "reduce merges other than union are not supported",
                            "write reduce(" + (op == null ? "max" : op.symbol()) + ", union) or leave the merge out");
                }
            } else if (t.kind() == Token.Kind.IDENT && Character.isLowerCase(t.text().charAt(0))) {
                unknown = t; // reduced variables may be listed for the reader; they are derived from the Einsum
            } else {
                throw error(t, "unknown reduce operator " + t.describe(), "use +, max, min or *");
            }
        }
        if (op == null && unknown != null) {
            throw error(unknown, "unknown reduce operator " + unknown.describe(), "use +, max, min or *");
        }
        if (op == null) throw error(peek(), "reduce(...) names no operator", "write reduce(max) or reduce(+)");
        return op;
    }

    private Expr mapAction(Token at, Expr rhs) {
        Merge merge = null;
        List<Token> args = actionArgs("map");
        for (Token t : args) {
            Merge m = Merge.parse(t.text());
            if (m != null) merge = m;
        }
        if (merge == null) throw error(at, "map(...) names no merge operator", "write map(union), with intersect, union, "
                + "take-right or pass");
        if (!(rhs instanceof Expr.Bin)) {
            throw error(at, "map(...) sets the merge of a binary operator, but the right-hand side has none at its top",
                    "write the merge only on Einsums such as A[m] = B[m] * C[m]");
        }
        Expr.Bin b = (Expr.Bin) rhs;
        for (Token t : args) {
            if (Merge.parse(t.text()) != null) continue;
            if (t.kind() == Token.Kind.IDENT && Character.isLowerCase(t.text().charAt(0)) && !t.is("max") && !t.is("min")) {
                continue;
            }
            if (!t.is(b.op().symbol())) {
                throw error(t, "map operator " + t.describe() + " differs from the top operator '" + b.op().symbol() + "'",
                        "write map(" + b.op().symbol() + ", " + merge.keyword() + ")");
            }
        }
        return new Expr.Bin(b.op(), b.left(), b.right(), merge);
    }

    private Expr.Access accessRest(String name, Token at) {
        next(); // '['
        List<Index> idx = new ArrayList<>();
        if (!peek().is("]")) {
            do {
                idx.add(index());
            } while (peek().is(",") && next() != null);
        }
        if (!peek().is("]")) {
            throw expected("',' or ']' in the index list of " + name, "indices are affine expressions such as m, m1*M0 + m0 "
                    + "or k: k <= i; close the list with ]");
        }
        next();
        return new Expr.Access(name, idx, span(at));
    }

    private Index index() {
        Affine e = affine();
        if (!peek().is(":")) return Index.of(e);
        next();
        Token v = peek();
        String var = ident("an index variable in the condition", "write k: k <= i, or m1: m1 = 0");
        if (!Character.isLowerCase(var.charAt(0))) {
            throw error(v, "'" + var + "' in a condition is not an index variable", "index variables are lower case");
        }
        RelOp op = relOp("a comparison (<=, <, >=, >, =) in the condition", "write k: k <= i");
        Affine bound = affine();
        return new Index(e, new Index.Condition(var, op, bound));
    }

    private Affine affine() {
        Affine a = affineTerm();
        while (peek().is("+") || peek().is("-")) {
            boolean minus = next().is("-");
            Affine t = affineTerm();
            a = a.plus(minus ? t.negate() : t);
        }
        return a;
    }

    private Affine affineTerm() {
        Token start = peek();
        Affine a = affineFactor();
        while (peek().is("*")) {
            next();
            Affine b = affineFactor();
            a = multiply(a, b, start);
        }
        return a;
    }

    private Affine multiply(Affine a, Affine b, Token at) {
        if (!a.isConstant() && !b.isConstant()) {
            throw error(at, "index expressions must be affine, but this multiplies two index variables",
                    "multiply a variable only by numbers or rank sizes, as in m1*M0 + m0");
        }
        List<Affine.Term> out = new ArrayList<>();
        for (Affine.Term x : a.terms()) {
            for (Affine.Term y : b.terms()) {
                List<String> sizes = new ArrayList<>(x.sizes());
                sizes.addAll(y.sizes());
                out.add(new Affine.Term(Math.multiplyExact(x.coef(), y.coef()), sizes, x.var() != null ? x.var() : y.var()));
            }
        }
        return new Affine(out);
    }

    private Affine affineFactor() {
        Token t = peek();
        if (t.is("-")) {
            next();
            return affineFactor().negate();
        }
        if (t.is("(")) {
            next();
            Affine a = affine();
            expect(")", "to close the parenthesis", "balance the parentheses");
            return a;
        }
        if (t.kind() == Token.Kind.NUMBER) {
            next();
            try {
                return Affine.constant(Long.parseLong(t.text()));
            } catch (NumberFormatException ex) {
                throw error(t, "index constant " + t.text() + " is not a whole number", "indices are integers");
            }
        }
        if (t.kind() == Token.Kind.IDENT) {
            next();
            return Character.isUpperCase(t.text().charAt(0)) ? Affine.size(t.text()) : Affine.var(t.text());
        }
        throw expected("an index (a variable, a number or a rank size)", "indices look like m, m1*M0 + m0, 2*p + r or M1");
    }

    // ---- value expressions ----

    private Expr expr() {
        Expr left = term();
        while (peek().is("+") || peek().is("-")) {
            BinOp op = next().is("+") ? BinOp.ADD : BinOp.SUB;
            left = new Expr.Bin(op, left, term());
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/")) {
            BinOp op = next().is("*") ? BinOp.MUL : BinOp.DIV;
            left = new Expr.Bin(op, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (peek().is("-")) {
            next();
            Expr e = unary();
            if (e instanceof Expr.Num) return new Expr.Num(-((Expr.Num) e).value());
            return new Expr.Neg(e);
        }
        if (peek().is("+")) {
            next();
            return unary();
        }
        return primary();
    }

    private Expr primary() {
        Token t = peek();
        if (t.kind() == Token.Kind.NUMBER) {
            next();
            try {
                return new Expr.Num(Double.parseDouble(t.text()));
            } catch (NumberFormatException ex) {
                throw error(t, "'" + t.text() + "' is not a number", "write numbers like 2, 0.5 or 1e-3");
            }
        }
        if (t.is("(")) {
            next();
            Expr e = expr();
            expect(")", "to close the parenthesis", "balance the parentheses");
            return e;
        }
        if (t.kind() == Token.Kind.IDENT) {
            next();
            String name = t.text();
            if (peek().is("[")) return accessRest(name, t);
            if (peek().is("(")) return call(name, t);
            if (name.equals("inf")) return new Expr.Num(Double.POSITIVE_INFINITY);
            if (Character.isUpperCase(name.charAt(0))) return new Expr.Size(name, span(t));
            throw error(t, "'" + name + "' is neither a tensor access nor a rank size",
                    "write " + name + "[...] with its indices (" + name + "[] for a scalar tensor), or use an upper-case "
                            + "rank size");
        }
        throw expected("a value (a tensor access, a number, a function call or '(')", EINSUM_HINT);
    }

    private Expr call(String name, Token at) {
        if (!FUNCTIONS.contains(name)) {
            throw error(at, "unknown function '" + name + "'", "use one of " + String.join(", ", FUNCTIONS));
        }
        next(); // '('
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(expr());
            } while (peek().is(",") && next() != null);
        }
        expect(")", "to close the call of " + name, "separate arguments with ',' and close with ')'");
        if (name.equals("max") || name.equals("min")) {
            if (args.size() != 2) {
                throw error(at, name + "(...) takes two arguments, not " + args.size(),
                        "write " + name + "(a, b); a " + name + " over a rank is a reduce: X[p] = Y[m, p] :: reduce("
                                + name + ")");
            }
            return new Expr.Bin(name.equals("max") ? BinOp.MAX : BinOp.MIN, args.get(0), args.get(1));
        }
        if (UNARY.contains(name) && args.size() != 1) {
            throw error(at, name + "(...) takes one argument, not " + args.size(), "write " + name + "(x)");
        }
        if (name.equals("take")) {
            if (args.size() < 2 || !(args.get(args.size() - 1) instanceof Expr.Num)) {
                throw error(at, "take(...) needs operands and then the index of the operand to keep",
                        "write take(A[k], B[k], 0)");
            }
            double k = ((Expr.Num) args.get(args.size() - 1)).value();
            if (k != Math.rint(k) || k < 0 || k >= args.size() - 1) {
                throw error(at, "take(...)'s last argument must be the index of an operand, 0.." + (args.size() - 2),
                        "write take(A[k], B[k], 0)");
            }
        }
        return new Expr.Call(name, args, span(at));
    }
}
