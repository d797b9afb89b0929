package einsim.mappers.fusemax;

/**
 * Chip area of a design's hardware with a D×D 2-D array, from the FuseMax artifact's 45 nm per-instance areas (brief
 * §7): FuseMax's 2-D PE = MAC + max + register file, its 1-D PE = MAC + max + divider + register file; FLAT's 2-D PE =
 * MAC + register file, its 1-D PE = MAC + max + divider + exponent unit + register file (adders sit inside the MAC).
 * The buffer's area scales with its capacity from the one stored table (94,176,256 µm² for 32 MiB; an einsim
 * assumption, since the tables of the buffers actually used are not stored, brief §14). The register file between
 * the arrays and the wiring are not counted.
 */
public final class FuseMaxArea {
    static final double MAC = 1545;
    static final double MAX = 49.29;
    static final double DIV = 23_740.94;
    static final double EXP = 8_240;
    static final double BUFFER_UM2_PER_BYTE = 94_176_256.0 / (32L << 20);

    private FuseMaxArea() {}

    /** µm² of the chip a design runs on. */
    public static double um2(AttentionDesign design, FuseMaxArch arch) {
        double d = arch.arrayDim();
        boolean fm = design == AttentionDesign.FUSEMAX || design == AttentionDesign.PLUS_ARCHITECTURE;
        double pe2d = fm ? MAC + MAX + 4_255.93 : MAC + 1_838.15;
        double pe1d = fm ? MAC + MAX + DIV + 4_255.93 : MAC + MAX + DIV + EXP + 2_145.42;
        double buffer = (fm ? arch.fuseMaxBufferBytes() : arch.flatBufferBytes()) * BUFFER_UM2_PER_BYTE;
        return d * d * pe2d + d * pe1d + buffer;
    }
}
