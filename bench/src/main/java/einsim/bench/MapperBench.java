package einsim.bench;

import einsim.mappers.map.CostModel;
import einsim.mappers.map.MapArch;
import einsim.mappers.map.MapArchFactory;
import einsim.mappers.map.MapperDriver;
import einsim.mappers.map.Mapping;
import einsim.mappers.map.Mapspace;
import einsim.mappers.map.Objective;
import einsim.mappers.map.SearchStrategy;
import einsim.mappers.map.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The mapper on a 4096³ GEMM (1-byte words) on the two-level TPU-like preset (DRAM, 24 MiB buffer, 256×256 PEs):
 * <ul>
 *   <li>{@code evaluate1Thread} / {@code evaluateAllCores}: cost-model evaluations per second over 4,096 random
 *       points of the unconstrained mapspace (valid and invalid as they come), decoding included;</li>
 *   <li>{@code exhaustiveWs}: time to search the weight-stationary, full-mesh space to the end (the proven optimum
 *       of that space), all cores;</li>
 *   <li>{@code annealToOptimum}: time for simulated annealing on the unconstrained space (all cores) to reach that
 *       optimum's objective (at most 30 s).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar MapperBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
public class MapperBench {
    static final Workload W = Workload.gemm(4096, 4096, 4096, 1);
    static final MapArch A = MapArchFactory.tpuLike();
    static final int N = 4096;
    static final int CORES = Runtime.getRuntime().availableProcessors();

    Mapspace free;
    Mapspace ws;
    List<int[]> points = new ArrayList<>();
    double wsOptimum;

    @Setup
    public void setup() {
        free = new Mapspace(W, A, Mapspace.Constraints.none());
        ws = new Mapspace(W, A, new Mapspace.Constraints("ws", null, null, Map.of(), 1.0));
        Random r = new Random(1);
        for (int i = 0; i < N; i++) {
            int[] p = new int[free.pointLength()];
            for (int j = 0; j < p.length; j++) p[j] = r.nextInt(free.radix(j));
            points.add(p);
        }
        wsOptimum = exhaustiveWs().cost().objective(Objective.EDP);
    }

    @State(Scope.Thread)
    public static class PerThread {
        CostModel cm;

        @Setup(Level.Trial)
        public void setup() { cm = new CostModel(W, A); }
    }

    private double evaluate(PerThread t) {
        double s = 0;
        for (int[] p : points) {
            double o = t.cm.objective(free.decode(p), Objective.EDP);
            if (o < Double.POSITIVE_INFINITY) s += o;
        }
        return s;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(N)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Threads(1)
    public double evaluate1Thread(PerThread t) { return evaluate(t); }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(N)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Threads(Threads.MAX)
    public double evaluateAllCores(PerThread t) { return evaluate(t); }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public MapperDriver.Outcome exhaustiveWs() {
        return MapperDriver.run(ws, SearchStrategy.create("exhaustive", ws, Objective.EDP, 1),
                new MapperDriver.Options(Objective.EDP, 0, CORES, null, 0, null));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 10)
    public MapperDriver.Outcome annealToOptimum() {
        // a run that has not reached the optimum after 30 s scores 30 s: annealing can settle in a local optimum
        // (about 1.23× the optimum's EDP) and must then find the basin again by a restart
        return MapperDriver.run(free, SearchStrategy.create("anneal", free, Objective.EDP, System.nanoTime()),
                new MapperDriver.Options(Objective.EDP, 30, CORES, null, 0, null, 0, wsOptimum * (1 + 1e-9)));
    }
}
