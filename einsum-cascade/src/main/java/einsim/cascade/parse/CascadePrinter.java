package einsim.cascade.parse;

import einsim.cascade.Affine;
import einsim.cascade.BinOp;
import einsim.cascade.Cascade;
import einsim.cascade.Einsum;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.RankSplit;
import einsim.cascade.ReduceOp;
import einsim.cascade.SizeDef;
import einsim.cascade.StopCondition;
import einsim.cascade.TensorDecl;

import java.util.List;
import java.util.stream.Collectors;

/** Prints a cascade in canonical {@code .ein} form; the output parses back to an equal cascade. */
public final class CascadePrinter {
    private CascadePrinter() {}

    public static String print(Cascade c) {
        StringBuilder sb = new StringBuilder();
        comments(sb, c.comments(), "");
        sb.append("cascade ").append(c.name()).append('\n');
        if (!c.tensors().isEmpty()) {
            sb.append('\n');
            for (TensorDecl t : c.tensors()) {
                comments(sb, t.comments(), "");
                StringBuilder line = new StringBuilder("tensor ").append(t.name()).append('[')
                        .append(String.join(", ", t.ranks())).append(']');
                if (t.bits() != TensorDecl.DEFAULT_BITS) line.append(" bits ").append(t.bits());
                line(sb, line.toString(), t.trailing(), "");
            }
        }
        if (!c.splits().isEmpty() || !c.sizes().isEmpty()) {
            sb.append('\n');
            for (RankSplit r : c.splits()) {
                comments(sb, r.comments(), "");
                line(sb, "rank " + r.rank() + " = " + String.join(" * ", r.parts()), r.trailing(), "");
            }
            for (SizeDef s : c.sizes()) {
                comments(sb, s.comments(), "");
                line(sb, "size " + s.name() + " = " + s.value(), s.trailing(), "");
            }
        }
        sb.append('\n');
        String indent = "";
        if (!c.init().isEmpty()) {
            sb.append("init:\n");
            indent = "  ";
            for (Einsum e : c.init()) einsum(sb, e, indent);
            sb.append("body:\n");
        }
        for (Einsum e : c.body()) einsum(sb, e, indent);
        for (StopCondition s : c.stops()) {
            comments(sb, s.comments(), "");
            line(sb, "until " + s.var() + " " + s.op().symbol() + " " + s.bound(), s.trailing(), "");
        }
        comments(sb, c.trailingComments(), "");
        return sb.toString();
    }

    private static void comments(StringBuilder sb, List<String> comments, String indent) {
        for (String c : comments) sb.append(indent).append(c.isEmpty() ? "#" : "# " + c).append('\n');
    }

    private static void line(StringBuilder sb, String text, String trailing, String indent) {
        sb.append(indent).append(text);
        if (trailing != null) sb.append(trailing.isEmpty() ? "  #" : "  # " + trailing);
        sb.append('\n');
    }

    private static void einsum(StringBuilder sb, Einsum e, String indent) {
        comments(sb, e.comments(), indent);
        line(sb, einsum(e), e.trailing(), indent);
    }

    /** One Einsum on one line, canonical. */
    public static String einsum(Einsum e) {
        StringBuilder s = new StringBuilder(expr(e.lhs())).append(" = ").append(expr(e.rhs()));
        String actions = "";
        if (e.rhs() instanceof Expr.Bin) {
            Expr.Bin b = (Expr.Bin) e.rhs();
            if (b.merge() != b.op().defaultMerge()) actions = "map(" + b.op().symbol() + ", " + b.merge().keyword() + ")";
        }
        if (e.reduceExplicit() || e.reduce() != ReduceOp.ADD) {
            actions = (actions.isEmpty() ? "" : actions + ", ") + "reduce(" + e.reduce().symbol() + ")";
        }
        if (!actions.isEmpty()) s.append(" :: ").append(actions);
        return s.toString();
    }

    public static String index(Index i) { return i.toString(); }

    public static String affine(Affine a) { return a.toString(); }

    private static int prec(Expr e) {
        if (e instanceof Expr.Bin) {
            BinOp op = ((Expr.Bin) e).op();
            if (op.isFunction()) return 4;
            return op == BinOp.ADD || op == BinOp.SUB ? 1 : 2;
        }
        if (e instanceof Expr.Neg) return 3;
        if (e instanceof Expr.Num && (((Expr.Num) e).value() < 0 || isNegZero(((Expr.Num) e).value()))) return 3;
        return 4;
    }

    private static boolean isNegZero(double v) { return v == 0.0 && Double.doubleToRawLongBits(v) != 0L; }

    /** An expression, with the fewest parentheses that keep its tree. */
    public static String expr(Expr e) {
        if (e instanceof Expr.Num) return number(((Expr.Num) e).value());
        if (e instanceof Expr.Size) return ((Expr.Size) e).name();
        if (e instanceof Expr.Access) {
            Expr.Access a = (Expr.Access) e;
            return a.tensor() + a.indices().stream().map(Index::toString).collect(Collectors.joining(", ", "[", "]"));
        }
        if (e instanceof Expr.Neg) {
            Expr x = ((Expr.Neg) e).operand();
            return "-" + (prec(x) >= 3 ? expr(x) : "(" + expr(x) + ")");
        }
        if (e instanceof Expr.Call) {
            Expr.Call c = (Expr.Call) e;
            return c.function() + c.args().stream().map(CascadePrinter::expr).collect(Collectors.joining(", ", "(", ")"));
        }
        Expr.Bin b = (Expr.Bin) e;
        if (b.op().isFunction()) return b.op().symbol() + "(" + expr(b.left()) + ", " + expr(b.right()) + ")";
        int p = prec(b);
        String l = prec(b.left()) < p ? "(" + expr(b.left()) + ")" : expr(b.left());
        String r = prec(b.right()) <= p ? "(" + expr(b.right()) + ")" : expr(b.right());
        return l + " " + b.op().symbol() + " " + r;
    }

    private static String number(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !isNegZero(v)) return Long.toString((long) v);
        return Double.toString(v);
    }
}
