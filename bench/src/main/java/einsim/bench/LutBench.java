package einsim.bench;

import einsim.arch.lut.LutGemm;
import einsim.arch.lut.LutGpuSpec;
import einsim.arch.sail.SailSpec;
import einsim.mappers.lut.LutLlm;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The LUT kernel's throughput in table lookups per second (INT8 activations, 4-bit weights, M 16, N 256, K 1024: 16 ·
 * 256 · 256 groups · 4 planes = 4,194,304 lookups per call), and the time to evaluate one Llama-2-7B decode step (batch
 * 1, context 256, W_INT4) on each LUT unit. Run: {@code java -jar bench/target/benchmarks.jar LutBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LutBench {
    static final int M = 16;
    static final int N = 256;
    static final int K = 1024;
    static final int BITS = 4;
    static final int LOOKUPS = M * N * (K / 4) * BITS;

    double[][] a;
    int[][] q;
    ModelConfig llama;
    LutGpuSpec lut;
    LutGpuSpec mac;
    SailSpec sail;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        a = LutGemm.randomActivations(M, K, LutGemm.AType.INT8, r);
        q = LutGemm.randomWeights(K, N, BITS, r);
        llama = ModelZoo.resolve("meta-llama/Llama-2-7b-hf");
        lut = LutGpuSpec.preset("lut-tensor-core");
        mac = LutGpuSpec.preset("mac-tensor-core");
        sail = SailSpec.preset();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LOOKUPS)
    public double lookups() {
        return LutGemm.run(a, q, BITS, LutGemm.AType.INT8, false).y()[0][0];
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double decodeStepLutTensorCore() {
        return LutLlm.gpu(lut, llama, false, 256, 1, 4, LutGemm.AType.FP16).seconds();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double decodeStepMacTensorCore() {
        return LutLlm.gpu(mac, llama, false, 256, 1, 4, LutGemm.AType.FP16).seconds();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double decodeStepSail() {
        return LutLlm.sail(sail, llama, false, 256, 1, 4, 1).seconds();
    }
}
