package einsim.sim;

/**
 * A link that moves at most {@code wordsPerCycle} words per cycle, first come first served. A transfer requested
 * at cycle t starts when the link is free and completes {@code ceil(words / wordsPerCycle)} cycles later.
 */
public final class BandwidthChannel {
    private final String name;
    private final double wordsPerCycle;
    private long busyUntil;
    private long words;
    private long busyCycles;

    /** @param wordsPerCycle the link's bandwidth; {@code Double.POSITIVE_INFINITY} for an unlimited one */
    public BandwidthChannel(String name, double wordsPerCycle) {
        if (!(wordsPerCycle > 0)) throw new IllegalArgumentException(name + ": bandwidth must be > 0 words/cycle");
        this.name = name;
        this.wordsPerCycle = wordsPerCycle;
    }

    /** Queues a transfer; returns the cycle at which its last word has arrived. */
    public long transfer(long requestCycle, long count) {
        if (count <= 0) return requestCycle;
        long start = Math.max(requestCycle, busyUntil);
        long cycles = Double.isInfinite(wordsPerCycle) ? 0 : (long) Math.ceil(count / wordsPerCycle);
        busyUntil = start + cycles;
        words += count;
        busyCycles += cycles;
        return busyUntil;
    }

    private double fluidUntil;
    private double fluidBusy;

    /**
     * Queues a transfer that may end inside a cycle, so many small transfers cost their exact share of the link rather
     * than a whole cycle each; returns the first whole cycle at which its last word has arrived. Do not mix with
     * {@link #transfer} on one channel.
     */
    public long transferFluid(long requestCycle, double count) {
        if (count <= 0) return requestCycle;
        double start = Math.max(requestCycle, fluidUntil);
        double cycles = Double.isInfinite(wordsPerCycle) ? 0 : count / wordsPerCycle;
        fluidUntil = start + cycles;
        words += (long) Math.ceil(count);
        fluidBusy += cycles;
        busyCycles = (long) Math.ceil(fluidBusy);
        busyUntil = (long) Math.ceil(fluidUntil);
        return busyUntil;
    }

    public String name() { return name; }
    public long words() { return words; }
    public long busyCycles() { return busyCycles; }
    public long busyUntil() { return busyUntil; }
    public double wordsPerCycle() { return wordsPerCycle; }
}
