package einsim.arch.compute.systolic;

import einsim.arch.device.Provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Systolic-array presets, every number with its source. Energies per action are 45 nm estimates from Horowitz,
 * "Computing's energy problem", ISSCC 2014 (8-bit multiply 0.2 pJ + add 0.03 pJ; 64-bit read of a ~1 MB SRAM
 * about 100 pJ, i.e. 12.5 pJ per byte; DRAM 1.3-2.6 nJ per 64 bits, about 244 pJ per byte at the midpoint).
 */
public final class SystolicPresets {
    private static final Map<String, Double> HOROWITZ_45NM = Map.of("mac", 0.23, "sram_read", 12.5, "sram_write", 12.5,
            "dram_read", 244.0, "dram_write", 244.0);
    /**
     * TPU v1 at 28 nm (Jouppi et al. 2017, Fig. 2 floorplan of a die under 331 mm²): the matrix unit is 24 % for 65,536
     * MACs (about 1,200 µm² per PE) and the unified buffer 29 % for 24 MiB (about 3.8 µm² per byte). DERIVED for
     * tpu-v1, an estimate for the other presets.
     */
    private static final Map<String, Double> TPU_AREA = Map.of("pe", 1200.0, "sram_byte", 3.8);
    private static final String ENERGY_NOTE = "energy per action: Horowitz ISSCC 2014, 45 nm, per 1-byte word (ESTIMATED)";

    /** TPU v1: 256×256 8-bit MACs, weight-stationary, 700 MHz, 24 MiB unified buffer, 34 GB/s DDR3. */
    public static final SystolicArraySpec TPU_V1 = new SystolicArraySpec("tpu-v1", 256, 256, Dataflow.WS,
            24L << 20, 256L << 10, 4096L * 256, 0, 0, 0, true, 48, 0.7, 1, HOROWITZ_45NM,
            new Provenance(Provenance.Kind.PUBLISHED, "Jouppi et al., In-Datacenter Performance Analysis of a Tensor "
                    + "Processing Unit, ISCA 2017, §2", "ifmap = 24 MiB unified buffer; filter = weight FIFO, 4 tiles of "
                    + "64 KiB; ofmap = 4,096 x 256 accumulators; 48 words/cycle = 34 GB/s / 700 MHz (DERIVED); "
                    + ENERGY_NOTE + "; area from the TPU v1 floorplan"), TPU_AREA);

    /** SCALE-Sim's configs/google.cfg: 256×256, ws, 6144/6144/2048 kB; CALC fills at 10 words/cycle. */
    public static final SystolicArraySpec SCALESIM_GOOGLE = new SystolicArraySpec("scalesim-google", 256, 256, Dataflow.WS,
            6144L * 1024, 6144L * 1024, 2048L * 1024, 0, 10_000_000, 20_000_000, true, 10, 1.0, 1, HOROWITZ_45NM,
            new Provenance(Provenance.Kind.PUBLISHED, "scalesim-project/scale-sim-v2@22f88b1 configs/google.cfg",
                    "10 words/cycle is SCALE-Sim's CALC fill bandwidth; the 1 GHz clock is ours (ESTIMATED); "
                            + ENERGY_NOTE + "; area from the TPU v1 floorplan"), TPU_AREA);

    /** SCALE-Sim's configs/scale.cfg: 32×32, os, 64 kB buffers. */
    public static final SystolicArraySpec SCALESIM_SCALE = new SystolicArraySpec("scalesim-scale", 32, 32, Dataflow.OS,
            64L * 1024, 64L * 1024, 64L * 1024, 0, 10_000_000, 20_000_000, true, 10, 1.0, 1, HOROWITZ_45NM,
            new Provenance(Provenance.Kind.PUBLISHED, "scalesim-project/scale-sim-v2@22f88b1 configs/scale.cfg",
                    "10 words/cycle is SCALE-Sim's CALC fill bandwidth; the 1 GHz clock is ours (ESTIMATED); "
                            + ENERGY_NOTE + "; area from the TPU v1 floorplan"), TPU_AREA);

    private SystolicPresets() {}

    public static Map<String, SystolicArraySpec> all() {
        Map<String, SystolicArraySpec> m = new LinkedHashMap<>();
        for (SystolicArraySpec s : new SystolicArraySpec[]{TPU_V1, SCALESIM_GOOGLE, SCALESIM_SCALE}) m.put(s.name(), s);
        return m;
    }
}
