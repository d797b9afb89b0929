package einsim.arch.sail;

import einsim.sim.BandwidthChannel;
import einsim.sim.Clocked;
import einsim.sim.Fidelity;
import einsim.sim.Result;
import einsim.sim.Simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batched LUT-GEMV on SAIL's C-SRAM (lut-pim brief §4.2, §5.2): Y[B×N] = X[B×K]·W[K×N]. Weights stream from DRAM into
 * the LLC slices; per group of g inputs and per output a table of the weights' subset sums is built (2^(g−1) entries
 * when sign-symmetric), then for every token and every activation bit plane one lookup-accumulate per group and
 * output. Lookups whose index is zero, or repeats one already looked up in the same bit plane of the batch, are
 * skipped (pattern-aware reuse). The weights' bit width sets only the bytes streamed and the entry width, not the
 * lookups. Also the baselines: the CPU alone (a roofline of its vector units and DRAM) and a GPU roofline.
 */
public final class SailModel {
    private final SailSpec spec;

    public SailModel(SailSpec spec) { this.spec = spec; }

    public SailSpec spec() { return spec; }

    /** Lookups and table entries of one GEMM. */
    public record Work(long groups, long entries, double lookups, double tableBuilds, double conversions, double weightBytes, double skip) {}

    public Work work(long batch, long n, long k, int wBits, double skip) { return work(batch, n, k, wBits, skip, false); }

    /** @param floatActivations FP activations, converted to integers in memory first */
    public Work work(long batch, long n, long k, int wBits, double skip, boolean floatActivations) {
        if (batch < 1 || n < 1 || k < 1) throw new IllegalArgumentException("GEMV sizes must be >= 1");
        if (wBits < 1 || wBits > 16) throw new IllegalArgumentException("weight bits " + wBits + " must be 1 to 16");
        int g = (int) spec.get("group");
        long groups = (k + g - 1) / g;
        long entries = spec.get("symmetric_tables") > 0 ? 1L << (g - 1) : 1L << g;
        double lookups = batch * spec.get("activation_bits") * groups * (double) n * (1 - skip);
        double builds = groups * (double) n * entries;
        double bytes = n * (k * wBits / 8.0 + 2.0 * ((k + 127) / 128));   // + one FP16 scale per 128 weights [assumption]
        double conversions = floatActivations ? batch * (double) k : 0;
        return new Work(groups, entries, lookups, builds, conversions, bytes, skip);
    }

    /** The skip fraction to use: the spec's override, else the measured one (or 0 without activations). */
    public double skip(double measured) {
        double s = spec.get("pattern_skip");
        return Double.isNaN(s) ? measured : s;
    }

    /** Equal shares of the work, at least {@link #TILES_PER_SLICE} per slice so that every slice double-buffers. */
    long tiles(long n) {
        long slices = Math.round(spec.get("llc_slices"));
        double lanesPerSlice = lanes() / slices;
        return Math.max(TILES_PER_SLICE * slices, (n + (long) lanesPerSlice - 1) / Math.max(1, (long) lanesPerSlice));
    }

    static final long TILES_PER_SLICE = 4;

    double lanes() { return spec.arrays() * Math.floor(spec.get("array_cols") / spec.get("acc_bits")); }

    double pimCycles(Work w) {
        return (w.tableBuilds() * spec.get("build_cycles_per_entry") + w.lookups() * spec.get("lookup_cycles")
                + w.conversions() * spec.get("convert_cycles_per_value")) / lanes();
    }

    double dramCycles(double bytes) { return bytes / (spec.get("dram_bytes_per_s") / (spec.get("pim_clock_ghz") * 1e9)); }

    /** Analytic: table builds and lookups spread over every lane, overlapped with the weights' stream from DRAM. */
    public Result analytic(long batch, long n, long k, int wBits, double skip) { return analytic(batch, n, k, wBits, skip, false); }

    public Result analytic(long batch, long n, long k, int wBits, double skip, boolean floatActivations) {
        Work w = work(batch, n, k, wBits, skip, floatActivations);
        double pim = pimCycles(w);
        double dram = dramCycles(w.weightBytes());
        // the double-buffered pipeline of the cycle model's tiling (T tiles per slice): stream-bound, the last tile's
        // compute follows the stream; compute-bound, the last slice starts once the first T-th of the stream is in
        double t = tiles(n) / spec.get("llc_slices");
        long cycles = (long) Math.ceil(Math.max(dram + pim / t, pim + dram / t));
        return result(Fidelity.ANALYTIC, w, cycles, (long) Math.ceil(pim), batch, n, k);
    }

    /**
     * Cycle-level on sim-core: the work is dealt to the slices in equal tiles (outputs × input groups; the partial sums'
     * reduction is not charged); each slice fetches a tile's weights over the shared DRAM channel (double-buffered),
     * builds its tables and runs the batch's lookups.
     */
    public Result cycle(long batch, long n, long k, int wBits, double skip) { return cycle(batch, n, k, wBits, skip, false); }

    public Result cycle(long batch, long n, long k, int wBits, double skip, boolean floatActivations) {
        Work w = work(batch, n, k, wBits, skip, floatActivations);
        int slices = (int) Math.round(spec.get("llc_slices"));
        long tiles = tiles(n);
        BandwidthChannel dram = new BandwidthChannel("dram", spec.get("dram_bytes_per_s") / (spec.get("pim_clock_ghz") * 1e9));
        Simulator sim = new Simulator();
        long[] next = {0};
        double[] busy = {0};
        for (int s = 0; s < slices; s++) {
            sim.wake(0, new Clocked() {
                long tile = -1;
                long ready;
                double carry;

                long fetch(long at, long t) {
                    return dram.transferFluid(at, w.weightBytes() / tiles);
                }

                @Override
                public long tick(long cycle) {
                    if (tile < 0) {
                        if (next[0] == tiles) return Simulator.IDLE;
                        tile = next[0]++;
                        ready = fetch(cycle, tile);
                    }
                    if (ready > cycle) return ready;   // wait for the weights, then ask for the next tile
                    long start = cycle;
                    tile = -1;
                    if (next[0] < tiles) {   // prefetch the next tile while this one computes
                        tile = next[0]++;
                        ready = fetch(start, tile);
                    }
                    double per = 1.0 / tiles;
                    double c = pimCycles(w) * slices * per + carry;
                    long whole = (long) c;
                    carry = c - whole;
                    busy[0] += whole;
                    return Math.max(start + whole, cycle + 1);
                }
            });
        }
        long end = Math.max(sim.run(), dram.busyUntil());
        return result(Fidelity.CYCLE, w, end, (long) Math.ceil(busy[0] / slices), batch, n, k);
    }

    private Result result(Fidelity f, Work w, long cycles, long compute, long batch, long n, long k) {
        Map<String, Double> e = new LinkedHashMap<>();
        e.put("cs_ram_lookups", w.lookups() * spec.get("sram_pj_per_lookup"));
        e.put("table_builds", w.tableBuilds() * spec.get("sram_pj_per_lookup"));
        e.put("dram", w.weightBytes() * 8 * spec.get("dram_pj_per_bit"));
        double energy = e.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> warnings = new ArrayList<>();
        double seconds = cycles / (spec.get("pim_clock_ghz") * 1e9);
        return new Result(Result.SCHEMA_VERSION, spec.name(), f, cycles, Math.max(0, cycles - compute), compute, seconds,
                Map.of("dram.weights", (long) Math.ceil(w.weightBytes())), Map.of(), e, energy, areaUm2(),
                Math.min(1, pimCycles(w) / Math.max(1, cycles)), 1.0, warnings);
    }

    /** The C-SRAM's added area: the spec's hardware overhead times the CPU die area (both named parameters), µm². */
    public double areaUm2() { return spec.get("hw_overhead") * spec.get("die_mm2") * 1e6; }

    /** The CPU alone: its vector units (INT8 dot products, once-per-step unpacking) against its DRAM, seconds. */
    public double cpuSeconds(long batch, long n, long k, int wBits) {
        double macs = (double) batch * n * k;
        double rate = spec.get("cores") * spec.get("core_clock_ghz") * 1e9 * spec.get("cpu_efficiency");
        double compute = macs / (rate * spec.get("cpu_int8_macs_per_cycle"))
                + n * (double) k * spec.get("cpu_unpack_ops_per_weight") / (rate * spec.get("cpu_int8_macs_per_cycle"));   // byte lanes
        double bytes = work(batch, n, k, wBits, 0).weightBytes();
        return Math.max(compute, bytes / spec.get("dram_bytes_per_s"));
    }

    /** FLOP-bound or byte-bound time of an FP16 operation on the CPU's vector units (attention, seconds). */
    public double cpuFp16Seconds(double flops, double bytes) {
        double rate = spec.get("cores") * spec.get("core_clock_ghz") * 1e9 * spec.get("cpu_efficiency") * spec.get("cpu_fp16_flops_per_cycle");
        return Math.max(flops / rate, bytes / spec.get("dram_bytes_per_s"));
    }

    /** The GPU roofline (V100 of the device catalog by default), seconds. */
    public double gpuSeconds(double flops, double bytes) {
        var d = SailSpec.v100();
        double peak = d.peak(einsim.arch.device.Precision.FP16).orElseThrow() * spec.get("gpu_efficiency");
        return Math.max(flops / peak, bytes / d.bandwidthBytesPerS());
    }

    /**
     * Pattern-aware reuse measured on activations X[B×K] quantized per token to {@code bits}-bit two's complement:
     * within each bit plane and group, the batch's indices are looked up once each, and index 0 not at all. Returns
     * the fraction of lookups skipped.
     */
    public static double measureSkip(double[][] x, int bits, int group) {
        int b = x.length;
        int k = x[0].length;
        int[][] q = new int[b][k];
        int max = (1 << (bits - 1)) - 1;
        for (int t = 0; t < b; t++) {
            double amax = 0;
            for (double v : x[t]) amax = Math.max(amax, Math.abs(v));
            double s = amax == 0 ? 1 : amax / max;
            for (int j = 0; j < k; j++) q[t][j] = (int) Math.max(-max - 1, Math.min(max, Math.rint(x[t][j] / s)));
        }
        long total = 0;
        long done = 0;
        int groups = (k + group - 1) / group;
        boolean[] seen = new boolean[1 << group];
        int[] touched = new int[Math.max(1, b)];
        for (int gi = 0; gi < groups; gi++) {
            for (int plane = 0; plane < bits; plane++) {
                int nt = 0;
                for (int t = 0; t < b; t++) {
                    int idx = 0;
                    for (int j = 0; j < group; j++) {
                        int col = gi * group + j;
                        if (col < k && ((q[t][col] >> plane) & 1) != 0) idx |= 1 << j;
                    }
                    total++;
                    if (idx != 0 && !seen[idx]) {
                        seen[idx] = true;
                        touched[nt++] = idx;
                        done++;
                    }
                }
                for (int i = 0; i < nt; i++) seen[touched[i]] = false;
            }
        }
        return total == 0 ? 0 : 1 - (double) done / total;
    }

    /** Seeded synthetic activations: Laplace-distributed (heavy-tailed like LLM activations), B × K. */
    public static double[][] syntheticActivations(int batch, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[batch][k];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                double u = r.nextDouble() - 0.5;
                row[j] = -Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
            }
        }
        return x;
    }
}
