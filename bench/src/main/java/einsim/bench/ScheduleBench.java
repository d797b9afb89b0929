package einsim.bench;

import einsim.schedule.Scheduler;
import einsim.workloads.graph.GraphReader;
import einsim.workloads.graph.TensorGraph;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every budget of the two COSMA reference instances (validation/cosma: chain 5–8 B, spill_toy 7–14 B), both modes,
 * through the whole scheduler (bounds, baselines, CP-SAT with one worker, replay): 24 solves per operation,
 * scores in milliseconds per solve. The zoo's solve times are in docs/schedule.md ({@code einsim schedule --table}).
 * Run: {@code java -jar bench/target/benchmarks.jar ScheduleBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScheduleBench {
    record Case(TensorGraph graph, long budget, boolean fixed) {}

    private final List<Case> cases = new ArrayList<>();

    @Setup
    public void setup() {
        Path v = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(v.resolve("validation"))) v = v.getParent();
        TensorGraph chain = GraphReader.read(v.resolve("validation/cosma/chain.json"));
        TensorGraph toy = GraphReader.read(v.resolve("validation/cosma/spill_toy.json"));
        for (boolean fixed : new boolean[]{true, false}) {
            for (long b = 5; b <= 8; b++) cases.add(new Case(chain, b, fixed));
            for (long b = 7; b <= 14; b++) cases.add(new Case(toy, b, fixed));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @OperationsPerInvocation(24)
    public void referenceInstances(Blackhole bh) {
        for (Case c : cases) bh.consume(Scheduler.run(c.graph(), new Scheduler.Options(c.budget(), null, c.fixed(), false, 30, 1)));
    }
}
