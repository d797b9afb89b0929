package einsim.sim;

import java.util.PriorityQueue;

/**
 * The discrete-event kernel: simulated time in cycles, events ordered by (cycle, insertion), and clocked components
 * that are ticked only on the cycles they ask for. Time jumps from one pending cycle to the next, skipping idle
 * stretches.
 */
public final class Simulator {
    /** Returned by a component with nothing to do until an event wakes it. */
    public static final long IDLE = Long.MAX_VALUE;

    /** An action at a cycle. */
    @FunctionalInterface
    public interface Event {
        void fire(long cycle);
    }

    private record Pending(long cycle, long seq, Event event, Clocked clocked) {}

    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) ->
            a.cycle != b.cycle ? Long.compare(a.cycle, b.cycle) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;
    private long ticks;

    /** The current cycle. */
    public long now() { return now; }

    /** Cycles at which something happened (events fired or components ticked). */
    public long activeSteps() { return ticks; }

    public void schedule(long cycle, Event e) {
        if (cycle < now) throw new IllegalArgumentException("cannot schedule at cycle " + cycle + " before now " + now);
        queue.add(new Pending(cycle, seq++, e, null));
    }

    /** Ticks {@code c} at {@code cycle}, and then at every cycle it returns until it returns {@link #IDLE}. */
    public void wake(long cycle, Clocked c) {
        if (cycle < now) throw new IllegalArgumentException("cannot wake at cycle " + cycle + " before now " + now);
        queue.add(new Pending(cycle, seq++, null, c));
    }

    /** Runs until nothing is pending; returns the last cycle at which something happened. */
    public long run() {
        long last = now;
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            now = p.cycle;
            last = now;
            ticks++;
            if (p.event != null) {
                p.event.fire(now);
            } else {
                long next = p.clocked.tick(now);
                if (next != IDLE) {
                    if (next <= now) throw new IllegalStateException("a component asked to be ticked at " + next + " at " + now);
                    queue.add(new Pending(next, seq++, null, p.clocked));
                }
            }
        }
        return last;
    }
}
