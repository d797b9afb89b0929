package einsim.bench;

import einsim.arch.compute.systolic.ConvLayer;
import einsim.arch.compute.systolic.SystolicArray;
import einsim.arch.compute.systolic.Gemm;
import einsim.arch.compute.systolic.SystolicArraySpec;
import einsim.arch.compute.systolic.scalesim.ScaleSimConfigReader;
import einsim.arch.compute.systolic.scalesim.ScaleSimModel;
import einsim.arch.compute.systolic.scalesim.ScaleSimTopologyReader;
import einsim.sim.Result;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every shared SCALE-Sim v2 case (validation/scalesim/raw/v2_*: 139 runs, which took SCALE-Sim 1,836 s) through the
 * drop-in's model in process: one operation is the whole set. Also the cycle-level native model's simulated
 * cycles per second. Run from the repository root: {@code java -jar bench/target/benchmarks.jar ScaleSimBench}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ScaleSimBench {
    private final List<SystolicArraySpec> specs = new ArrayList<>();
    private final List<ConvLayer> layers = new ArrayList<>();
    private SystolicArray cycleArray;
    private Gemm cycleGemm;

    @Setup
    public void setup() throws IOException {
        Path raw = Path.of("validation/scalesim/raw");
        if (!Files.isDirectory(raw)) throw new IllegalStateException("run from the repository root (no " + raw + ")");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(raw)) {
            dirs = s.filter(p -> p.getFileName().toString().startsWith("v2_")).sorted().collect(Collectors.toList());
        }
        for (Path d : dirs) {
            SystolicArraySpec spec = ScaleSimConfigReader.read(d.resolve("config.cfg")).spec();
            Path t = d.resolve("topology.csv");
            for (ConvLayer l : ScaleSimTopologyReader.read(t, ScaleSimTopologyReader.looksLikeGemm(t))) {
                specs.add(spec);
                layers.add(l);
            }
        }
        if (layers.size() != 139) throw new IllegalStateException(layers.size() + " v2 layers, expected 139");
        cycleArray = new SystolicArray(ScaleSimConfigReader.read(dirs.get(0).resolve("config.cfg")).spec());
        cycleGemm = new Gemm(512, 256, 512);
    }

    /** All 139 v2 cases, every reported number (SCALE-Sim: 1,836 s for the same set). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void allV2Cases(Blackhole bh) {
        for (int i = 0; i < layers.size(); i++) bh.consume(ScaleSimModel.run(specs.get(i), layers.get(i)));
    }

    /** The cycle-level native model on one GEMM; divide its cycles by the time for simulated cycles per second. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Result cycleLevelGemm() {
        return cycleArray.cycle(cycleGemm);
    }
}
