package einsim.bench;

import einsim.arch.device.Device;
import einsim.arch.device.DeviceCatalog;
import einsim.reports.roofline.RooflineAnalyzer;
import einsim.reports.roofline.RooflineResult;
import einsim.reports.roofline.Stage;
import einsim.workloads.llm.LlmOptions;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole shared LLM-Viewer reference grid (validation/llmviewer: 192 cases) analysed in process, in
 * compatibility mode and in the corrected default. Scores are cases per second (one operation = one case).
 * LLM-Viewer's own analyzer takes 0.09-0.14 ms per case in process on this kind of machine (issue 4).
 * Run: {@code java -jar bench/target/benchmarks.jar RooflineBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RooflineBench {
    static final int CASES = 192;

    record Case(ModelConfig model, Device device, Stage stage, long seqlen, long batch, int w, int a, int kv, boolean fa) {}

    private final List<Case> grid = new ArrayList<>();

    /** The grid of validation/llmviewer/README.md: 2 models x 2 devices x 6 stage points x 4 bit settings x FA on/off. */
    @Setup
    public void setup() {
        int[][] bits = {{16, 16, 16}, {8, 8, 8}, {4, 16, 16}, {4, 16, 4}};
        for (String m : List.of("meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-70b-hf")) {
            for (String d : List.of("nvidia_A100_80G", "nvidia_H100")) {
                for (long[] p : new long[][]{{0, 128, 1}, {0, 1024, 1}, {0, 4096, 1}, {1, 1024, 1}, {1, 1024, 8}, {1, 1024, 64}}) {
                    for (int[] b : bits) {
                        for (boolean fa : new boolean[]{false, true}) {
                            grid.add(new Case(ModelZoo.resolve(m), DeviceCatalog.resolve(d), p[0] == 0 ? Stage.PREFILL
                                    : Stage.DECODE, p[1], p[2], b[0], b[1], b[2], fa));
                        }
                    }
                }
            }
        }
        if (grid.size() != CASES) throw new IllegalStateException(grid.size() + " cases");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CASES)
    public void gridCompat(Blackhole bh) {
        for (Case c : grid) {
            LlmOptions o = LlmOptions.llmViewer(c.batch(), c.w(), c.a(), c.kv(), c.fa(), 1);
            RooflineResult r = RooflineAnalyzer.analyze(c.model(), c.device(), o, c.stage(), c.seqlen());
            bh.consume(r.total().timeS());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CASES)
    public void gridCorrected(Blackhole bh) {
        for (Case c : grid) {
            LlmOptions o = LlmOptions.corrected(c.batch(), c.w(), c.a(), c.kv(), c.fa(), 1);
            RooflineResult r = RooflineAnalyzer.analyze(c.model(), c.device(), o, c.stage(), c.seqlen());
            bh.consume(r.total().timeS());
        }
    }
}
