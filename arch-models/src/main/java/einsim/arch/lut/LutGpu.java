package einsim.arch.lut;

import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.LutGpuSpec.Kind;
import einsim.arch.lut.LutGpuSpec.Precompute;
import einsim.sim.BandwidthChannel;
import einsim.sim.Clocked;
import einsim.sim.Fidelity;
import einsim.sim.Result;
import einsim.sim.Simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GEMM Y[M×N] = A[M×K]·W[K×N] (M tokens, low-bit weights W) on a {@link LutGpuSpec}: thread-block tiles over the
 * SMs in waves, output stationary over K in chunks, each SM's tensor units working on its tile, operands from L2, each
 * operand once from DRAM. Two fidelities: {@link #analytic} (waves × the tile's cycles, bounded by the DRAM and L2
 * times) and {@link #cycle} (each SM on sim-core double-buffers its K chunks through shared L2 and DRAM channels).
 * LUT units add the table precompute (fused into the preceding operator, or its own kernel); MAC units dequantize
 * the weights on the CUDA cores, overlapped with the MMA.
 */
public final class LutGpu {
    private final LutGpuSpec spec;

    public LutGpu(LutGpuSpec spec) { this.spec = spec; }

    public LutGpuSpec spec() { return spec; }

    /** One tensor unit's area and power at this weight width and activation type. */
    public TensorUnitPpa.Ppa unit(int weightBits, AType a) {
        TensorUnitPpa.Ppa one = spec.kind() == Kind.LUT ? TensorUnitPpa.lut(2, 64, 4, weightBits, a, spec.tablesInt8(), spec.tech())
                : TensorUnitPpa.mac(8, 4, a == AType.INT8 ? 16 : 8, a, spec.tech());
        return one;
    }

    /** MACs per cycle of one SM. */
    public double smMacsPerCycle(int weightBits, AType a) {
        double perUnit = spec.kind() == Kind.LUT ? 512.0 / weightBits : (a == AType.INT8 ? 512 : 256);
        return perUnit * spec.arrayMultiple() * spec.unitsPerSm() * spec.efficiency();
    }

    /** The shape of the work: tiles, split-K and bytes. */
    record Plan(long m, long n, long k, int wBits, AType a, long tilesM, long tilesN, long split, long kPerSplit,
                double aBytesPerRow, double wBytesPerCol, long dramBytes, long l2Bytes, long outBytes) {
        long ctas() { return tilesM * tilesN * split; }
    }

    static double activationBytes(AType a) { return a == AType.FP16 ? 2 : 1; }

    Plan plan(long m, long n, long k, int wBits, AType a) {
        if (m < 1 || n < 1 || k < 1) throw new IllegalArgumentException("GEMM sizes must be >= 1");
        int max = spec.kind() == Kind.LUT || a == AType.INT8 ? 8 : 16;   // INT8 MMA takes weights of at most 8 bits
        if (wBits < 1 || wBits > max) throw new IllegalArgumentException("weight bits " + wBits + " must be 1 to " + max);
        long tm = ceil(m, spec.ctaM());
        long tn = ceil(n, spec.ctaN());
        long chunks = ceil(k, spec.ctaK());
        long split = 1;
        if (2 * tm * tn <= spec.sms()) split = Math.min(spec.sms() / (tm * tn), chunks);   // whole waves only
        long kPer = ceil(chunks, split) * spec.ctaK();
        split = ceil(chunks, kPer / spec.ctaK());   // no empty K slices
        // A as the unit reads it: LUT units read the precomputed tables (8 entries per 4 activations), MAC units A itself
        double aRow = spec.kind() == Kind.LUT ? ceil(k, 4) * 8.0 * tableBytes(a) : k * activationBytes(a);
        double scales = wBits >= 16 ? 0 : 2.0 * ceil(k, 128);   // one FP16 scale per 128-weight group [assumption]
        double wCol = k * wBits / 8.0 + scales;
        long out = m * n * 2;   // the FP16 result; split-K's FP32 partials stay in L2 (written and read back)
        long partials = split > 1 ? m * n * 4 * 2 * split : 0;
        long dram = (long) Math.ceil(m * aRow + n * wCol) + out;
        long l2 = (long) Math.ceil(tn * m * aRow + tm * n * wCol) + partials;   // reads (5120 B/clk is the read figure) and partials
        return new Plan(m, n, k, wBits, a, tm, tn, split, kPer, aRow, wCol, dram, l2, out);
    }

    double tableBytes(AType a) {
        if (spec.tablesInt8()) return 1;
        return 2;   // FP16 tables (RTL); INT8 activations: 10-bit exact entries held in 16 bits
    }

    /** Cycles of one thread block of rows × cols over kLen. */
    double ctaCycles(long rows, long cols, long kLen, int wBits, AType a) {
        double macs = (double) rows * cols * kLen;
        if (spec.kind() == Kind.LUT) {
            // the array works in M2·N64·K4 steps: ragged tiles pay for the whole step
            double steps = ceil(rows, 2) * (double) ceil(cols, 64) * ceil(kLen, 4);
            return steps * wBits / (spec.arrayMultiple() * spec.unitsPerSm() * spec.efficiency());
        }
        double mma = macs / smMacsPerCycle(wBits, a);
        double dequant = wBits >= 16 ? 0 : 2.0 * cols * kLen / spec.cudaOpsPerCyclePerSm();   // FP16 weights need none
        return Math.max(mma, dequant);
    }

    /** The precompute of the tables on the CUDA cores: cycles, extra DRAM bytes (separate kernel only), operations. */
    record Pre(double cycles, long dramBytes, double ops) {}

    Pre precompute(long m, long k, AType a) {
        if (spec.kind() != Kind.LUT) return new Pre(0, 0, 0);
        double tables = (double) m * ceil(k, 4);
        double ops = tables * 8;
        double compute = ops / (spec.cudaOpsPerCyclePerSm() * spec.sms());
        if (spec.precompute() == Precompute.FUSED) return new Pre(compute, 0, ops);
        // its own kernel: read A, write the tables (the GEMM then reads the tables instead of A, as in plan())
        long bytes = (long) Math.ceil(m * k * activationBytes(a) + tables * 8 * tableBytes(a));
        double mem = bytes / bytesPerCycle();
        return new Pre(Math.max(compute, mem), bytes, ops);
    }

    double bytesPerCycle() { return spec.dramBytesPerS() / (spec.clockGhz() * 1e9); }

    public Result analytic(long m, long n, long k, int wBits, AType a) {
        Plan p = plan(m, n, k, wBits, a);
        long waves = ceil(p.ctas(), spec.sms());
        double cta = ctaCycles(Math.min(m, spec.ctaM()), Math.min(n, spec.ctaN()), Math.min(k, p.kPerSplit()), wBits, a);
        double compute = waves * cta;
        Pre pre = precompute(m, k, a);
        double partials = p.split() > 1 ? 8.0 * m * n * p.split() : 0;
        double l2In = (p.l2Bytes() - partials) / spec.l2BytesPerCycle();
        // pipeline fill: the first K chunk of the first wave
        long first = Math.min(p.ctas(), spec.sms());
        double chunkBytes = first * (Math.min(m, spec.ctaM()) * p.aBytesPerRow() + Math.min(n, spec.ctaN()) * p.wBytesPerCol())
                * Math.min(k, spec.ctaK()) / k;
        double fill = chunkBytes / spec.l2BytesPerCycle();
        // wave by wave: a wave takes its thread blocks' compute or its share of the DRAM and L2 traffic, whichever is longer
        long last = p.ctas() - (waves - 1) * spec.sms();
        double perCtaDram = (p.dramBytes() - p.outBytes()) / bytesPerCycle() / p.ctas();
        double perCtaL2 = l2In / p.ctas();
        // a full wave also writes back the outputs of the wave before it; the last wave's outputs drain below
        double perCtaDramOut = p.dramBytes() / bytesPerCycle() / p.ctas();
        double full = Math.max(cta, spec.sms() * Math.max(perCtaDramOut, perCtaL2));
        double[][] done = new double[(int) last][];
        double longest = 0;
        for (long c = p.ctas() - last; c < p.ctas(); c++) {
            long tile = c / p.split();
            long rows = Math.min(spec.ctaM(), m - tile / p.tilesN() * spec.ctaM());
            long cols = Math.min(spec.ctaN(), n - tile % p.tilesN() * spec.ctaN());
            long kLen = Math.max(0, Math.min(p.kPerSplit(), k - c % p.split() * p.kPerSplit()));
            double own = ctaCycles(rows, cols, kLen, wBits, a);
            longest = Math.max(longest, own);
            done[(int) (c - (p.ctas() - last))] = new double[]{own, rows * cols * 2.0 / p.split(), p.split() > 1 ? rows * cols * 8.0 : 0};
        }
        double lastWave = Math.max(longest, last * Math.max(perCtaDram, perCtaL2));
        double lastStart = fill + (waves - 1) * full;
        double body = lastStart + lastWave;
        // drain: the last wave's thread blocks finish by size (ragged edges first) and queue their outputs (and split-K
        // partials) on the links in that order
        for (double[] d : done) d[0] = lastStart + lastWave * d[0] / longest;
        java.util.Arrays.sort(done, java.util.Comparator.comparingDouble(x -> x[0]));
        double dramFree = 0;
        double l2Free = 0;
        for (double[] d : done) {
            dramFree = Math.max(dramFree, d[0]) + d[1] / bytesPerCycle();
            l2Free = Math.max(l2Free, d[0]) + d[2] / spec.l2BytesPerCycle();
        }
        long cycles = (long) Math.ceil(Math.max(body, Math.max(dramFree, l2Free)) + pre.cycles());
        return result(Fidelity.ANALYTIC, p, pre, cycles, (long) Math.ceil(compute), m, n, k, wBits, a);
    }

    /** Cycle-level: SMs on sim-core take thread blocks in order, each double-buffering its K chunks. */
    public Result cycle(long m, long n, long k, int wBits, AType a) {
        Plan p = plan(m, n, k, wBits, a);
        Pre pre = precompute(m, k, a);
        BandwidthChannel dramCh = new BandwidthChannel("dram", bytesPerCycle());
        BandwidthChannel l2Ch = new BandwidthChannel("l2", spec.l2BytesPerCycle());
        double dramShare = (double) (p.dramBytes() - p.outBytes()) / Math.max(1, p.l2Bytes() - (p.split() > 1 ? p.m() * p.n() * 8 * p.split() : 0));
        Simulator sim = new Simulator();
        long[] next = {0};
        long[] busy = {0};
        long total = p.ctas();
        List<Clocked> sms = new ArrayList<>();
        for (int s = 0; s < spec.sms(); s++) {
            Clocked sm = new Clocked() {
                long cta = -1;
                long rows;
                long cols;
                long chunk;
                long chunks;
                long kLen;
                long ready;    // the cycle the current chunk's operands are in
                double carry;  // fractional compute cycles carried between chunks
                double owed;   // output bytes not yet written back

                @Override
                public long tick(long cycle) {
                    if (cta < 0 || chunk == chunks) {
                        if (cta >= 0) {   // the finished tile's output, written back while the next tile reads
                            owed += rows * cols * 2.0 / p.split();
                            if (p.split() > 1) l2Ch.transferFluid(cycle, rows * cols * 8);   // split-K partials through L2
                        }
                        if (next[0] == total) {
                            dramCh.transferFluid(cycle, owed);
                            return Simulator.IDLE;
                        }
                        cta = next[0]++;
                        long split = cta % p.split();
                        long tile = cta / p.split();
                        long ti = tile / p.tilesN();
                        long tj = tile % p.tilesN();
                        rows = Math.min(spec.ctaM(), m - ti * spec.ctaM());
                        cols = Math.min(spec.ctaN(), n - tj * spec.ctaN());
                        long k0 = split * p.kPerSplit();
                        kLen = Math.max(0, Math.min(p.kPerSplit(), k - k0));
                        chunks = Math.max(1, ceil(kLen, spec.ctaK()));
                        chunk = 0;
                        ready = fetch(cycle, 0);
                    }
                    if (ready > cycle) return ready;   // wait for the operands, then ask for the next chunk
                    long start = cycle;
                    if (chunk + 1 < chunks) ready = fetch(start, chunk + 1);   // prefetch the next chunk while computing
                    long kc = Math.min(spec.ctaK(), kLen - chunk * spec.ctaK());
                    double c = ctaCycles(rows, cols, Math.max(kc, 0), wBits, a) + carry;
                    long whole = (long) c;
                    carry = c - whole;
                    busy[0] += whole;
                    chunk++;
                    return Math.max(start + whole, cycle + 1);
                }

                long fetch(long at, long ch) {
                    long kc = Math.min(spec.ctaK(), kLen - ch * spec.ctaK());
                    double bytes = (rows * p.aBytesPerRow() + cols * p.wBytesPerCol()) * kc / (double) k;
                    long t1 = l2Ch.transferFluid(at, bytes);
                    double back = owed / Math.max(1, chunks - ch);   // the write-back trickles out with the reads
                    owed -= back;
                    long t2 = dramCh.transferFluid(at, bytes * dramShare + back);
                    return Math.max(t1, t2);
                }
            };
            sms.add(sm);
            sim.wake(0, sm);
        }
        long end = sim.run();
        end = Math.max(end, Math.max(dramCh.busyUntil(), l2Ch.busyUntil()));
        long cycles = (long) Math.ceil(end + pre.cycles());
        return result(Fidelity.CYCLE, p, pre, cycles, (long) Math.ceil((double) busy[0] / spec.sms()), m, n, k, wBits, a);
    }

    private Result result(Fidelity f, Plan p, Pre pre, long cycles, long computeCycles, long m, long n, long k, int wBits, AType a) {
        TensorUnitPpa.Ppa u = unit(wBits, a);
        double macs = (double) m * n * k;
        // busy unit-cycles: the MACs over one unit's rate (ragged LUT steps count whole)
        double unitCycles = spec.kind() == Kind.LUT
                ? ceil(m, 2) * (double) ceil(n, 64) * ceil(k, 4) * wBits / spec.arrayMultiple()
                : macs / (smMacsPerCycle(wBits, a) / spec.unitsPerSm() / spec.efficiency());
        Map<String, Double> e = new LinkedHashMap<>();
        e.put("tensor_units", unitCycles * u.powerMw() * spec.arrayMultiple());
        e.put("dram", (p.dramBytes() + pre.dramBytes()) * 8.0 * spec.dramPjPerBit());
        double cudaOps = spec.kind() == Kind.LUT ? pre.ops() : wBits >= 16 ? 0 : 2.0 * n * k * p.tilesM();
        e.put(spec.kind() == Kind.LUT ? "precompute" : "dequantization", cudaOps * spec.cudaOpPj());
        double energy = e.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Long> reads = new LinkedHashMap<>();
        reads.put("dram.total", p.dramBytes() + pre.dramBytes());
        reads.put("l2.total", p.l2Bytes());
        double peak = smMacsPerCycle(wBits, a) * spec.sms();
        List<String> warnings = new ArrayList<>();
        if (p.split() > 1) warnings.add("split-K " + p.split() + ": the tile grid has fewer thread blocks than SMs");
        double area = u.areaUm2() * spec.arrayMultiple() * spec.units();
        return new Result(Result.SCHEMA_VERSION, spec.name(), f, cycles, Math.max(0, cycles - computeCycles), computeCycles,
                cycles / (spec.clockGhz() * 1e9), reads, Map.of("dram.output", p.outBytes()), e, energy, area,
                Math.min(1, macs / (peak * cycles)), 1.0, warnings);
    }

    static long ceil(long a, long b) { return (a + b - 1) / b; }
}
