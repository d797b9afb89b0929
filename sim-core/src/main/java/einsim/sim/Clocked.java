package einsim.sim;

/**
 * A component that acts on clock edges.
 *
 * <p>Contract: {@link #tick(long)} is called at a cycle the component asked for; it does that cycle's work and
 * returns the next cycle it must be ticked at, or {@link Simulator#IDLE} when it waits for an event. The kernel
 * jumps over the cycles in between, so an idle stretch costs nothing.
 */
public interface Clocked {
    long tick(long cycle);
}
