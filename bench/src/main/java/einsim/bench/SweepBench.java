package einsim.bench;

import einsim.cli.sweep.PointRunner;
import einsim.cli.sweep.SweepRunner;
import einsim.cli.sweep.SweepSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sweep throughput for roofline points (points per second), with 1 and 2 workers, into a fresh DuckDB store; and
 * the same points through the point runner alone, so the difference is the store's cost per point.
 * Run: {@code java -jar bench/target/benchmarks.jar SweepBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class SweepBench {
    static final int POINTS = 2000;

    @Param({"1", "2"})
    public int workers;

    private Path dir;
    private SweepSpec spec;
    private List<SweepSpec.Point> points;
    private int run;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("einsim-sweep-bench");
        Path f = dir.resolve("sweep.yaml");
        // 2 models x 2 devices x 5 batches x 100 context lengths = 2,000 points
        Files.writeString(f, "command: roofline\nfixed: {stage: decode}\n"
                + "grid: {model: [meta-llama/Llama-2-7b-hf, meta-llama/Llama-2-70b-hf], hardware: [nvidia_A100_80G, "
                + "nvidia_H100], batch: [1, 2, 4, 8, 16], seqlen: {from: 128, to: 12800, step: 128}}\n");
        spec = SweepSpec.read(f, List.of());
        points = spec.points();
        if (points.size() != POINTS) throw new IllegalStateException(points.size() + " points");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The whole sweep: workers, JSON, flattening-ready rows committed to a new store, and the results table. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(POINTS)
    public SweepRunner.Summary sweepIntoStore() {
        return SweepRunner.run(spec, dir.resolve("store-" + (run++) + ".duckdb"), workers, null, false);
    }

    /** The same points through one point runner (parse, analyse, JSON), no store, one thread. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(POINTS)
    public void pointsWithoutStore(Blackhole bh) {
        if (workers != 1) return;
        PointRunner r = new PointRunner(spec.command(), dir);
        for (SweepSpec.Point p : points) bh.consume(r.run(p));
    }
}
