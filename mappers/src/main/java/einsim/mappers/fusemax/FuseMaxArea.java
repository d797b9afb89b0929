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
    public static final double MAC = 1545;
    public static final double MAX = 49.29;
    public static final double DIV = 23_740.94;
    public static final double EXP = 8_240;
    /** Register file per PE: FuseMax's (both arrays), FLAT's 2-D and FLAT's 1-D. */
    public static final double RF_FUSEMAX = 4_255.93;
    public static final double RF_FLAT_2D = 1_838.15;
    public static final double RF_FLAT_1D = 2_145.42;
    public static final double BUFFER_UM2_PER_BYTE = 94_176_256.0 / (32L << 20);

    private FuseMaxArea() {}

    /** µm² of the chip a design runs on. */
    public static double um2(AttentionDesign design, FuseMaxArch arch) {
        double d = arch.arrayDim();
        boolean fm = design == AttentionDesign.FUSEMAX || design == AttentionDesign.PLUS_ARCHITECTURE;
        double pe2d = fm ? MAC + MAX + RF_FUSEMAX : MAC + RF_FLAT_2D;
        double pe1d = fm ? MAC + MAX + DIV + RF_FUSEMAX : MAC + MAX + DIV + EXP + RF_FLAT_1D;
        double buffer = (fm ? arch.fuseMaxBufferBytes() : arch.flatBufferBytes()) * BUFFER_UM2_PER_BYTE;
        return d * d * pe2d + d * pe1d + buffer;
    }
}
