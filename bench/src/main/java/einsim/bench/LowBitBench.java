package einsim.bench;

import einsim.arch.lowbit.LowBitAccelerator;
import einsim.mappers.lowbit.BitModEnergy;
import einsim.mappers.lowbit.BitModSim;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every low-bit accelerator (fp16, ant, olive, bitmod-lossless, bitmod-lossy) on every bundled decoder model, prefill
 * and decode at context 256, with energy: one operation is the whole grid (ANT and OliVe at 4-bit weights outside
 * BitMoD's six models). Run: {@code java -jar bench/target/benchmarks.jar LowBitBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LowBitBench {
    final List<ModelConfig> models = new ArrayList<>();
    final List<LowBitAccelerator> accs = new ArrayList<>();

    @Setup
    public void setup() {
        for (String id : ModelZoo.IDS) {
            ModelConfig m = ModelZoo.resolve(id);
            if (!m.encoderOnly()) models.add(m);
        }
        for (String a : LowBitAccelerator.NAMES) accs.add(LowBitAccelerator.of(a));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void allAcceleratorsAllModels(Blackhole bh) {
        for (ModelConfig m : models) {
            boolean study = LowBitAccelerator.STUDY_MODELS.contains(m.id());
            for (LowBitAccelerator a : accs) {
                Double w = !study && (a.name().equals("ant") || a.name().equals("olive")) ? 4.0 : null;
                for (boolean prefill : new boolean[]{true, false}) {
                    BitModSim.Report r = BitModSim.run(a, m, prefill, 256, 1, w, BitModSim.Mode.CORRECTED);
                    bh.consume(BitModEnergy.of(r, a).totalPj());
                }
            }
        }
    }
}
