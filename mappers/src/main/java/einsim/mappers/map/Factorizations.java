package einsim.mappers.map;

import java.util.ArrayList;
import java.util.List;

/** Ordered factorizations of a size into slots: every way to write n = f0·f1·…·f(s−1) with per-slot limits. */
public final class Factorizations {
    /** More than this many for one dimension is refused: the space would not be searchable anyway. */
    public static final int MAX = 4_000_000;

    private Factorizations() {}

    /**
     * @param max   max[slot]: the largest factor the slot may take
     * @param fixed fixed[slot] &gt; 0: the slot's factor is exactly that; 0: free
     */
    public static List<long[]> of(long n, long[] max, long[] fixed) {
        List<long[]> primes = primeFactors(n);
        List<long[]> out = new ArrayList<>();
        long[] cur = new long[max.length];
        java.util.Arrays.fill(cur, 1);
        place(primes, 0, 0, cur, max, fixed, out);
        return out;
    }

    private static void place(List<long[]> primes, int pi, int used, long[] cur, long[] max, long[] fixed, List<long[]> out) {
        if (pi == primes.size()) {
            for (int s = 0; s < cur.length; s++) if (fixed[s] > 0 && cur[s] != fixed[s]) return;
            out.add(cur.clone());
            if (out.size() > MAX) throw new MapperException("more than " + MAX + " factorizations of one dimension", "fix some factors or use fewer levels");
            return;
        }
        long p = primes.get(pi)[0];
        int e = (int) primes.get(pi)[1];
        distribute(primes, pi, p, e, 0, cur, max, fixed, out);
    }

    private static void distribute(List<long[]> primes, int pi, long p, int left, int slot, long[] cur, long[] max, long[] fixed, List<long[]> out) {
        if (slot == cur.length - 1) {
            long saved = cur[slot];
            for (int i = 0; i < left; i++) {
                cur[slot] *= p;
                if (cur[slot] > max[slot] || (fixed[slot] > 0 && cur[slot] > fixed[slot])) {
                    cur[slot] = saved;
                    return;
                }
            }
            place(primes, pi + 1, 0, cur, max, fixed, out);
            cur[slot] = saved;
            return;
        }
        long saved = cur[slot];
        for (int k = 0; k <= left; k++) {
            if (k > 0) {
                cur[slot] *= p;
                if (cur[slot] > max[slot] || (fixed[slot] > 0 && cur[slot] > fixed[slot])) break;
            }
            distribute(primes, pi, p, left - k, slot + 1, cur, max, fixed, out);
        }
        cur[slot] = saved;
    }

    /** (prime, exponent) pairs. */
    static List<long[]> primeFactors(long n) {
        List<long[]> f = new ArrayList<>();
        for (long p = 2; p * p <= n; p++) {
            int e = 0;
            while (n % p == 0) {
                n /= p;
                e++;
            }
            if (e > 0) f.add(new long[]{p, e});
        }
        if (n > 1) f.add(new long[]{n, 1});
        return f;
    }
}
