package einsim.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An affine index expression: a sum of terms {@code coef × size-names × variable} plus terms without a variable.
 * {@code m1*M0 + m0}, {@code 2*p + r}, {@code m1 + 1} and the final iterate {@code M1} are all affine.
 *
 * <p>Names that start with an upper-case letter are rank sizes (constants once sizes are known); names that start
 * with a lower-case letter are index variables.
 */
public record Affine(List<Term> terms) {

    /** One term: {@code coef × Π sizes × var}; {@code var} is null for a constant term. */
    public record Term(long coef, List<String> sizes, String var) {
        public Term {
            sizes = List.copyOf(sizes);
        }

        boolean sameShape(Term o) {
            return Objects.equals(var, o.var) && sizes.equals(o.sizes);
        }
    }

    public Affine {
        terms = normalize(terms);
    }

    public static Affine var(String name) { return new Affine(List.of(new Term(1, List.of(), name))); }

    public static Affine constant(long value) { return new Affine(List.of(new Term(value, List.of(), null))); }

    public static Affine size(String name) { return new Affine(List.of(new Term(1, List.of(name), null))); }

    private static List<Term> normalize(List<Term> in) {
        List<Term> out = new ArrayList<>();
        for (Term t : in) {
            List<String> sorted = new ArrayList<>(t.sizes());
            sorted.sort(null);
            Term s = new Term(t.coef(), sorted, t.var());
            boolean merged = false;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).sameShape(s)) {
                    out.set(i, new Term(Math.addExact(out.get(i).coef(), s.coef()), s.sizes(), s.var()));
                    merged = true;
                    break;
                }
            }
            if (!merged) out.add(s);
        }
        out.removeIf(t -> t.coef() == 0);
        // variable terms first (in order of appearance), then constants
        List<Term> ordered = new ArrayList<>();
        for (Term t : out) if (t.var() != null) ordered.add(t);
        for (Term t : out) if (t.var() == null) ordered.add(t);
        return List.copyOf(ordered);
    }

    public Affine plus(Affine o) {
        List<Term> t = new ArrayList<>(terms);
        t.addAll(o.terms);
        return new Affine(t);
    }

    public Affine negate() {
        List<Term> t = new ArrayList<>();
        for (Term x : terms) t.add(new Term(-x.coef(), x.sizes(), x.var()));
        return new Affine(t);
    }

    /** The variables this expression uses, in order. */
    public List<String> vars() {
        List<String> v = new ArrayList<>();
        for (Term t : terms) if (t.var() != null && !v.contains(t.var())) v.add(t.var());
        return v;
    }

    /** The size names this expression uses. */
    public List<String> sizeNames() {
        List<String> v = new ArrayList<>();
        for (Term t : terms) for (String s : t.sizes()) if (!v.contains(s)) v.add(s);
        return v;
    }

    /** True when the one variable of this expression has coefficient 1 ({@code m}, {@code m1 + 1}). */
    public boolean coefficientIsOne() {
        int n = 0;
        for (Term t : terms) {
            if (t.var() == null) continue;
            if (t.coef() != 1 || !t.sizes().isEmpty()) return false;
            n++;
        }
        return n == 1;
    }

    public boolean isConstant() { return vars().isEmpty(); }

    /** True when this is exactly one variable with coefficient 1 and no offset. */
    public boolean isPlainVar() {
        return terms.size() == 1 && terms.get(0).var() != null && terms.get(0).coef() == 1 && terms.get(0).sizes().isEmpty();
    }

    /** Coefficient of {@code var} once sizes are known (0 when absent). */
    public long coefficient(String var, Map<String, Long> sizes) {
        long c = 0;
        for (Term t : terms) if (var.equals(t.var())) c = Math.addExact(c, value(t, sizes));
        return c;
    }

    /** The constant part once sizes are known. */
    public long constant(Map<String, Long> sizes) {
        long c = 0;
        for (Term t : terms) if (t.var() == null) c = Math.addExact(c, value(t, sizes));
        return c;
    }

    private static long value(Term t, Map<String, Long> sizes) {
        long v = t.coef();
        for (String s : t.sizes()) {
            Long n = sizes.get(s);
            if (n == null) throw new CascadeException("no size for rank " + s, "give it with --ranks " + s + "=N");
            v = Math.multiplyExact(v, n);
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            long c = t.coef();
            if (sb.length() > 0) {
                sb.append(c < 0 ? " - " : " + ");
                c = Math.abs(c);
            } else if (c < 0) {
                sb.append('-');
                c = -c;
            }
            List<String> factors = new ArrayList<>();
            if (c != 1 || (t.sizes().isEmpty() && t.var() == null)) factors.add(Long.toString(c));
            if (t.var() != null) factors.add(t.var()); // canonical order: number, variable, sizes (2*m1*M0)
            factors.addAll(t.sizes());
            sb.append(String.join("*", factors));
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
