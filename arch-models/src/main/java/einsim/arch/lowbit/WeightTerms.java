package einsim.arch.lowbit;

import java.util.ArrayList;
import java.util.List;

/**
 * Weights as sums of signed powers of two, one term per cycle on BitMoD's bit-serial PE (lowbit brief §3.1): an
 * INT-b weight as radix-4 Booth digits d_t ∈ {−2..2} of significance 4^t (b = 8: 4 terms, 6: 3, 4: 2, 3: 2); an FP3/FP4
 * value (BitMoD's grid units, special values included, every magnitude with at most two set bits in fixed point)
 * as its leading one and then its next one. A term is (sign, exponent), value sign·2^exponent; zero terms keep their
 * cycle (the PE's timing does not depend on the value).
 */
public final class WeightTerms {
    /** One term: {@code sign} −1, 0 or 1; value sign · 2^exponent. */
    public record Term(int sign, int exponent) {
        public double value() { return sign * Math.scalb(1.0, exponent); }
    }

    private WeightTerms() {}

    /** Terms per weight (= cycles per weight per lane) for a weight of b bits: ceil(b/2), at least 2 for 3- and 4-bit types. */
    public static int termsFor(int bits) {
        if (bits < 1 || bits > 16) throw new IllegalArgumentException("weight bits " + bits + " must be from 1 to 16");
        return Math.max(2, (bits + 1) / 2);
    }

    /** Radix-4 Booth digits of a b-bit two's-complement integer: ceil(b/2) terms d_t · 4^t. */
    public static List<Term> booth(long q, int bits) {
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("INT bits " + bits + " must be from 2 to 16");
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        if (q < min || q > max) throw new IllegalArgumentException(q + " is not a " + bits + "-bit integer");
        int n = (bits + 1) / 2;
        long u = q & ((1L << (2 * n)) - 1); // sign-extended to 2n bits
        if (q < 0) u = q & ((1L << (2 * n)) - 1);
        List<Term> out = new ArrayList<>();
        int prev = 0;
        for (int t = 0; t < n; t++) {
            int b0 = (int) ((u >> (2 * t)) & 1);
            int b1 = (int) ((u >> (2 * t + 1)) & 1);
            int d = -2 * b1 + b0 + prev;
            prev = b1;
            // d ∈ {−2, −1, 0, 1, 2}: ±2 is ±1 at one more exponent
            if (d == 0) out.add(new Term(0, 2 * t));
            else if (Math.abs(d) == 1) out.add(new Term(d, 2 * t));
            else out.add(new Term(Integer.signum(d), 2 * t + 1));
        }
        return out;
    }

    /**
     * The two terms of an FP3/FP4 grid value (BitMoD units: integers such as 1, 2, 3, 4, 6, 8, 10, 12, 16 after the
     * fixed point's one fraction bit; E2M1's 0.5 and 1.5 appear as 1 and 3).
     */
    public static List<Term> fpTerms(double v) {
        if (v != Math.rint(v) || Math.abs(v) > 1 << 20) throw new IllegalArgumentException(v + " is not a value of BitMoD's FP3/FP4 grids");
        long m = Math.abs((long) v);
        int sign = v < 0 ? -1 : 1;
        List<Term> out = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            if (m == 0) {
                out.add(new Term(0, 0));
                continue;
            }
            int e = 63 - Long.numberOfLeadingZeros(m);
            out.add(new Term(sign, e));
            m -= 1L << e;
        }
        if (m != 0) throw new IllegalArgumentException(v + " has more than two set bits: not one of BitMoD's FP3/FP4 values");
        return out;
    }

    public static double sum(List<Term> ts) {
        double s = 0;
        for (Term t : ts) s += t.value();
        return s;
    }
}
