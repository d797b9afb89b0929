package einsim.arch.compute.systolic.scalesim;

/**
 * SCALE-Sim v2's ofmap write buffer ({@code write_buffer.py}; systolic brief §7.3): writes collect into lines of
 * {@code bw} words; when more than half the buffer is held, up to half a buffer of lines drains, one line per
 * cycle, and its space is freed at once. Whatever is left drains after the last demand row. A short line inside a
 * drain block counts as a full line (SCALE-Sim's over-count, kept).
 */
final class WriteBuffer {
    private final long bw;
    private final long a;   // ceil(S/2): drain when free < a
    private final long lpd; // lines per drain
    private long free;
    private long partial;
    private long[] lines = new long[1024];
    private int size;
    private int next;
    private long busyUntil;
    private long writes;
    private long firstStart = Long.MIN_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    WriteBuffer(long sramWords, long bw) {
        this.bw = bw;
        this.a = (sramWords + 1) / 2;
        long d = sramWords - a;
        this.lpd = (d + bw - 1) / bw;
        this.free = sramWords;
    }

    /** One valid write at cycle {@code c}; returns the cycle it is accepted at (later than c when the buffer is full). */
    long write(long c) {
        partial++;
        free--;
        if (partial == bw) {
            add(bw);
            partial = 0;
        }
        if (c < busyUntil) {
            if (free <= 0) c = busyUntil; // stall until the drain in flight ends
        } else if (free < a) {
            if (partial > 0) {
                add(partial);
                partial = 0;
            }
            drain(c);
        }
        return c;
    }

    /**
     * {@code n} valid writes of one demand row at cycle {@code c}, in bulk when none of them can stall or start a
     * drain (the common case); returns the row's cycle after its writes.
     */
    long writeRow(long c, long n) {
        boolean quiet = c < busyUntil ? free - n > 0 : free - n >= a;
        if (!quiet) {
            for (long i = 0; i < n; i++) c = write(c);
            return c;
        }
        free -= n;
        long total = partial + n;
        for (long full = total / bw; full > 0; full--) add(bw);
        partial = total % bw;
        return c;
    }

    /** Drains what is left after the last demand row at cycle {@code last}. */
    void finish(long last) {
        if (partial > 0) {
            add(partial);
            partial = 0;
        }
        long l = last;
        while (next < size) {
            drain(l);
            l = busyUntil + 1;
        }
    }

    private void add(long words) {
        if (size == lines.length) lines = java.util.Arrays.copyOf(lines, size * 2);
        lines[size++] = words;
    }

    private void drain(long s) {
        int n = (int) Math.min(lpd, size - next);
        if (n <= 0) return;
        long words = (n - 1) * bw + lines[next + n - 1];
        writes += words;
        free += words;
        if (firstStart == Long.MIN_VALUE) firstStart = s;
        lastEnd = s + n - 1;
        busyUntil = s + n - 1;
        next += n;
    }

    long writes() { return writes; }

    long start() { return firstStart; }

    long stop() { return lastEnd; }

    double bandwidth() { return (double) writes / (double) (lastEnd - firstStart + 1); }
}
