package einsim.cascade.teaal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import einsim.cascade.Affine;
import einsim.cascade.Cascade;
import einsim.cascade.CascadeException;
import einsim.cascade.Einsum;
import einsim.cascade.Expr;
import einsim.cascade.Index;
import einsim.cascade.RelOp;
import einsim.cascade.SizeDef;
import einsim.cascade.Span;
import einsim.cascade.StopCondition;
import einsim.cascade.TensorDecl;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.parse.CascadeParser;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports the {@code einsum:} section of a TeAAL YAML spec (TeAAL brief §2-§3) as a cascade.
 *
 * <p>{@code declaration} gives each tensor's ranks; {@code expressions} are TeAAL Einsums (sums of products and
 * {@code take}); a scalar factor {@code a} becomes a rank-0 input {@code a[]}. TeAAL's rule that every term of an
 * expression walks the same variables is checked. einsim's EDGE extension adds, under {@code einsum:}, the lists
 * {@code init:} and {@code edge:} in {@code .ein} notation and {@code iterative: {M1: {stop: "m1 >= M1"}}}; a
 * top-level {@code shapes:} map gives default rank sizes. Other sections (mapping, format, architecture, bindings)
 * are read by later stages and ignored here, as TeAAL ignores unknown keys.
 */
public final class TeaalReader {
    private TeaalReader() {}

    public static Cascade read(String source, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new CascadeException(new Span(source, line, col, lineAt(text, line)), "not valid YAML: "
                    + e.getOriginalMessage(), "check the indentation and the quoting of expressions");
        }
        if (root == null || !root.isObject()) {
            throw new CascadeException(new Span(source, 1, 0, ""), "a TeAAL spec is a YAML map with an 'einsum:' key",
                    "start the file with einsum:");
        }
        JsonNode einsum = root.get("einsum");
        if (einsum == null || !einsum.isObject()) {
            throw new CascadeException(new Span(source, 1, 0, ""), "the TeAAL spec has no 'einsum:' section",
                    "add einsum: with declaration: and expressions:");
        }
        JsonNode decl = einsum.get("declaration");
        if (decl == null || !decl.isObject()) {
            throw field(source, text, "einsum", "einsum.declaration is missing or not a map",
                    "declare every tensor's ranks, as in declaration: {A: [K, M]}");
        }
        List<TensorDecl> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = decl.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            if (!t.getValue().isArray()) {
                throw field(source, text, t.getKey() + ":", "einsum.declaration." + t.getKey() + " must be a list of ranks",
                        "write " + t.getKey() + ": [K, M] (or [] for a scalar)");
            }
            List<String> ranks = new ArrayList<>();
            for (JsonNode r : t.getValue()) {
                String rank = r.asText();
                if (rank.isEmpty() || !Character.isUpperCase(rank.charAt(0)) || !rank.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw field(source, text, t.getKey() + ":", "einsum.declaration." + t.getKey() + ": rank '" + rank
                            + "' must be a name starting with an upper-case letter", "write ranks as K, M, N1");
                }
                ranks.add(rank);
            }
            tensors.add(new TensorDecl(t.getKey(), ranks, TensorDecl.DEFAULT_BITS, List.of(), null, Span.NONE));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (TensorDecl t : tensors) declared.add(t.name());
        List<Einsum> init = new ArrayList<>();
        List<Einsum> body = new ArrayList<>();
        Set<String> scalars = new LinkedHashSet<>();
        for (String s : strings(source, text, einsum, "init")) init.add(parseLine(source, text, s, scalars));
        JsonNode exprs = einsum.get("expressions");
        if (exprs == null || !exprs.isArray() || exprs.isEmpty()) {
            throw field(source, text, "einsum:", "einsum.expressions is missing or empty",
                    "list the Einsums, as in expressions: [\"Z[m, n] = A[k, m] * B[k, n]\"]");
        }
        for (String s : strings(source, text, einsum, "expressions")) {
            Einsum e = parseLine(source, text, s, scalars);
            checkTerms(e);
            body.add(e);
        }
        for (String s : strings(source, text, einsum, "edge")) body.add(parseLine(source, text, s, scalars));
        for (String s : scalars) {
            if (!declared.contains(s)) tensors.add(new TensorDecl(s, List.of(), TensorDecl.DEFAULT_BITS, List.of(), null, Span.NONE));
        }
        List<StopCondition> stops = new ArrayList<>();
        JsonNode iter = einsum.get("iterative");
        if (iter != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = iter.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                String stop = r.getValue().path("stop").asText("");
                Span sp = new Span(source, lineOf(text, stop), 0, lineAt(text, lineOf(text, stop)));
                String[] parts = stop.trim().split("\\s*>=\\s*");
                if (parts.length != 2 || !parts[0].matches("[a-z][A-Za-z0-9_]*") || !parts[1].matches("[A-Z][A-Za-z0-9_]*")) {
                    throw new CascadeException(sp, "einsum.iterative." + r.getKey() + ".stop = '" + stop
                            + "' is not a stopping condition", "write stop: \"" + r.getKey().toLowerCase() + " >= "
                            + r.getKey() + "\"");
                }
                stops.add(new StopCondition(parts[0], RelOp.GE, Affine.size(parts[1]), List.of(), null, sp));
            }
        }
        List<SizeDef> sizes = new ArrayList<>();
        JsonNode shapes = root.get("shapes");
        if (shapes != null && shapes.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = shapes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                if (!s.getValue().canConvertToLong() || s.getValue().asLong() < 1) {
                    throw field(source, text, s.getKey() + ":", "shapes." + s.getKey() + " = " + s.getValue()
                            + " is not a positive whole number", "write " + s.getKey() + ": 1024");
                }
                sizes.add(new SizeDef(s.getKey(), Affine.constant(s.getValue().asLong()), List.of(), null, Span.NONE));
            }
        }
        Cascade c = new Cascade(CascadeParser.baseName(source), List.of("imported from TeAAL spec " + source), tensors,
                List.of(), sizes, init, body, stops, List.of());
        CascadeModel.of(c); // validate now, so errors point at the YAML
        return c;
    }

    private static List<String> strings(String source, String text, JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) {
            throw field(source, text, key + ":", "einsum." + key + " must be a list of strings", "write one Einsum per item");
        }
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw field(source, text, key + ":", "einsum." + key + " holds a " + x.getNodeType().toString().toLowerCase()
                        + " where an Einsum string belongs", "quote each Einsum");
            }
            out.add(x.asText());
        }
        return out;
    }

    private static Einsum parseLine(String source, String text, String expr, Set<String> scalars) {
        String rewritten = scalarsToTensors(expr, scalars);
        int line = lineOf(text, expr);
        try {
            return CascadeParser.parseEinsum(source, line, rewritten);
        } catch (CascadeException e) {
            // point at the YAML line, keep the parser's rule and hint
            throw new CascadeException(new Span(source, line, 0, lineAt(text, line)), e.rule() + " in '" + expr + "'",
                    e.hint());
        }
    }

    /** TeAAL writes a scalar factor as a bare name; einsim reads it as a rank-0 tensor {@code a[]}. */
    private static String scalarsToTensors(String expr, Set<String> scalars) {
        int eq = expr.indexOf('=');
        if (eq < 0) return expr;
        StringBuilder sb = new StringBuilder(expr.substring(0, eq + 1));
        int depth = 0;
        int i = eq + 1;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '[') depth++;
            if (c == ']') depth--;
            if (depth == 0 && (Character.isLetter(c) || c == '_')) {
                int j = i;
                while (j < expr.length() && (Character.isLetterOrDigit(expr.charAt(j)) || expr.charAt(j) == '_')) j++;
                String name = expr.substring(i, j);
                int k = j;
                while (k < expr.length() && expr.charAt(k) == ' ') k++;
                boolean bare = k >= expr.length() || (expr.charAt(k) != '[' && expr.charAt(k) != '(');
                sb.append(name);
                if (bare && Character.isLowerCase(name.charAt(0)) && !name.equals("inf")) {
                    sb.append("[]");
                    scalars.add(name);
                }
                i = j;
                continue;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** TeAAL: "Malformed einsum: ensure all terms iterate over all ranks". */
    private static void checkTerms(Einsum e) {
        List<Expr> terms = new ArrayList<>();
        splitTerms(e.rhs(), terms);
        Set<String> first = null;
        for (Expr t : terms) {
            Set<String> vars = new LinkedHashSet<>();
            for (Expr.Access a : CascadeModel.rhsAccesses(t)) for (Index i : a.indices()) vars.addAll(i.expr().vars());
            if (first == null) first = vars;
            else if (!first.equals(vars)) {
                throw new CascadeException(e.span(), "the terms of Einsum " + e.name() + " walk different variables ("
                        + first + " and " + vars + "); TeAAL requires every term to walk every rank",
                        "split the sum into two Einsums");
            }
        }
    }

    private static void splitTerms(Expr e, List<Expr> out) {
        if (e instanceof Expr.Bin && ((Expr.Bin) e).op() == einsim.cascade.BinOp.ADD) {
            splitTerms(((Expr.Bin) e).left(), out);
            splitTerms(((Expr.Bin) e).right(), out);
        } else {
            out.add(e);
        }
    }

    private static CascadeException field(String source, String text, String anchor, String rule, String hint) {
        int line = lineOf(text, anchor);
        return new CascadeException(new Span(source, line, 0, lineAt(text, line)), rule, hint);
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) if (!needle.isEmpty() && lines[i].contains(needle)) return i + 1;
        return 0;
    }

    private static String lineAt(String text, int line) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].stripTrailing() : "";
    }
}
