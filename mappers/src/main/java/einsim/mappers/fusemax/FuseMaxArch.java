package einsim.mappers.fusemax;

/**
 * The FuseMax / FLAT accelerator parameters the closed form needs (FuseMax brief §7). Sources: array size, clock and
 * DRAM bandwidth from FuseMax §V/§VI-A and Fig. 2; the artifact's constants ({@code global_cycle_seconds}
 * 1.0638297873e-9 = 1/940 MHz, DRAM 400·2^30 B/s in {@code src/accel/cascade.py}, 16-bit data in the YAML
 * {@code datawidth 16}); buffers 16 MiB (FuseMax) and 32 MiB (FLAT, {@code src/accel/flat.py}).
 *
 * @param arrayDim        D: the 2-D array is D×D PEs, the 1-D array D PEs
 * @param clockHz         cycles per second
 * @param dramBytesPerS   DRAM bandwidth, bytes per second
 * @param bytesPerValue   bytes per tensor element
 * @param fuseMaxBufferBytes the global buffer FuseMax's tiling (P1) is sized for
 * @param flatBufferBytes    FLAT's global buffer (the +Cascade design runs on FLAT's hardware)
 */
public record FuseMaxArch(long arrayDim, double clockHz, double dramBytesPerS, long bytesPerValue, long fuseMaxBufferBytes,
                          long flatBufferBytes) {
    public FuseMaxArch {
        if (arrayDim < 1) throw new IllegalArgumentException("array size must be at least 1 (got " + arrayDim + ")");
        if (!(clockHz > 0) || !(dramBytesPerS > 0) || bytesPerValue < 1 || fuseMaxBufferBytes < 1 || flatBufferBytes < 1) {
            throw new IllegalArgumentException("clock, bandwidth, value size and buffers must be positive");
        }
    }

    /** The evaluated cloud configuration with a D×D array. */
    public static FuseMaxArch cloud(long arrayDim) {
        return new FuseMaxArch(arrayDim, 940e6, 400.0 * (1L << 30), 2, 16L << 20, 32L << 20);
    }
}
