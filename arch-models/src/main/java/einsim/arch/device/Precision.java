package einsim.arch.device;

/** Peak-throughput tiers of a device, by operand format. */
public enum Precision {
    /** 16-bit floating point (FP16 or BF16). */
    FP16(16),
    FP8(8),
    INT8(8),
    FP4(4),
    INT4(4);

    private final int bits;

    Precision(int bits) { this.bits = bits; }

    public int bits() { return bits; }
}
