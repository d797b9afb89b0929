package einsim.arch.compute.systolic.scalesim;

import einsim.arch.compute.systolic.DemandStream;
import einsim.arch.compute.systolic.FoldSchedule;

import java.util.Arrays;

/**
 * SCALE-Sim v2's CALC read buffer ({@code read_buffer_estimate_bw.py}; systolic brief §7.2): the SRAM is cut into
 * 100 sets of 1 % each, 50 active and 50 prefetched; a miss fills the open set; when 50 sets have filled, the window
 * slides and everything older is forgotten. DRAM reads are the misses; the trace window is anchored at the first
 * request and ends one cycle after the last slide.
 */
final class CalcReadBuffer {
    /** DRAM reads and the first and last cycle of the read trace. */
    record Result(long reads, long start, long stop) {
        double bandwidth() { return (double) reads / (double) (stop - start + 1); }
    }

    private CalcReadBuffer() {}

    /**
     * @param sramWords  the buffer's size in words
     * @param distinct   distinct valid addresses of the operand (the fast path needs only this)
     * @param base       the operand's lowest address; {@code span} addresses from there
     */
    static Result run(long sramWords, long distinct, DemandStream stream, DemandStream.Operand op, long base, long span) {
        return run(sramWords, distinct, -1, stream, op, base, span);
    }

    /**
     * @param accesses the operand's SRAM reads when every one of them is a different address (then nothing can hit
     *                 and only the rows of the slides matter: they are found from per-row counts); −1 otherwise
     */
    static Result run(long sramWords, long distinct, long accesses, DemandStream stream, DemandStream.Operand op,
                      long base, long span) {
        long items = sramWords / 100;
        if (items <= 0) {
            throw new IllegalArgumentException("an SRAM of " + sramWords + " words has no room for SCALE-Sim's 100 sets");
        }
        if (distinct < 50 * items) { // no slide: one fill before cycle 0
            long nsets = ceilDiv(distinct, items);
            return new Result(distinct, -ceilDiv(nsets * items, 10), -1);
        }
        if (accesses == distinct) return allMisses(items, accesses, stream, op);
        int[] lastSet = new int[Math.toIntExact(span)];
        Arrays.fill(lastSet, -1);
        long[] st = new long[6]; // cur, count, ws, misses, lastSlide, firstRow
        st[4] = Long.MIN_VALUE;
        st[5] = -1;
        stream.all(op, (row, addr) -> {
            if (st[5] < 0) st[5] = row;
            int idx = (int) (addr - base);
            int ls = lastSet[idx];
            if (ls >= 0 && st[2] <= ls && ls <= st[0]) return; // hit inside the window ws..cur
            lastSet[idx] = (int) st[0];
            st[3]++;
            if (++st[1] == items) {
                st[0]++;
                st[1] = 0;
                if (st[0] == st[2] + 50) {
                    st[2] += 50;
                    st[4] = row;
                }
            }
        });
        long start = st[5] - ceilDiv(50 * items, 10);
        return new Result(st[3], start, st[4] + 1);
    }

    /** Every access misses: slide j happens on the row of access 50·items·j. */
    private static Result allMisses(long items, long accesses, DemandStream stream, DemandStream.Operand op) {
        long perSlide = 50 * items;
        long lastSlideAccess = (accesses / perSlide) * perSlide; // the last slide's access number (1-based)
        FoldSchedule fs = stream.schedule();
        long p = fs.foldCycles();
        long seen = 0;
        long first = -1;
        long lastSlideRow = -1;
        for (long f = 0; f < fs.folds() && lastSlideRow < 0; f++) {
            for (long t = 0; t < p; t++) {
                long n = stream.count(op, f, t);
                if (n == 0) continue;
                if (first < 0) first = f * p + t;
                if (seen + n >= lastSlideAccess) {
                    lastSlideRow = f * p + t;
                    break;
                }
                seen += n;
            }
        }
        return new Result(accesses, first - ceilDiv(perSlide, 10), lastSlideRow + 1);
    }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
