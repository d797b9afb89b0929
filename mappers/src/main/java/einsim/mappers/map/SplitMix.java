package einsim.mappers.map;

/** A small random generator whose whole state is one long, so a search can checkpoint and resume it exactly. */
final class SplitMix {
    long state;

    SplitMix(long seed) { this.state = seed; }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int nextInt(int bound) { return (int) Math.floorMod(nextLong(), (long) bound); }

    double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }
}
