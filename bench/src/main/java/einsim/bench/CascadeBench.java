package einsim.bench;

import einsim.cascade.Cascade;
import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.interp.DenseTensor;
import einsim.cascade.interp.Interpreter;
import einsim.cascade.parse.CascadeParser;
import einsim.workloads.BundledCascades;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parse + analyse time of the 1-pass attention cascade (FuseMax Cascade 5) at BERT sizes, and interpreter
 * throughput on a small attention instance. Run: {@code java -jar bench/target/benchmarks.jar CascadeBench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CascadeBench {
    private static final Map<String, Long> BERT_1K = Map.of("M", 1024L, "P", 1024L, "E", 64L, "F", 64L, "M0", 256L);
    /** Interpreter instance: 64 keys in 4 tiles, 64 queries, E = F = 16: 65,536 MACs per matmul Einsum. */
    private static final Map<String, Long> SMALL = Map.of("M", 64L, "P", 64L, "E", 16L, "F", 16L, "M0", 16L);

    private String text;
    private SizedCascade small;
    private Map<String, DenseTensor> inputs;

    @Setup
    public void setup() {
        text = BundledCascades.text("attention-1pass");
        small = SizedCascade.of(CascadeModel.of(CascadeParser.parse("attention-1pass.ein", text)), SMALL);
        inputs = Interpreter.randomInputs(small, 1);
    }

    /** Parse, validate, size and analyse (op counts, footprints, passes over every rank). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Analysis parseAndAnalyze() {
        Cascade c = CascadeParser.parse("attention-1pass.ein", text);
        return CascadeAnalyzer.analyze(SizedCascade.of(CascadeModel.of(c), BERT_1K));
    }

    /**
     * The same attention as a hand-written loop nest on the same inputs: the yardstick for the interpreter's
     * overhead (the ratio interpret / direct is what to report, not either time alone).
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double[] direct() {
        DenseTensor q = inputs.get("Q"), k = inputs.get("K"), v = inputs.get("V");
        int e = q.extents()[0], p = q.extents()[1], m = k.extents()[1], f = v.extents()[0];
        double[] qd = q.data(), kd = k.data(), vd = v.data();
        double[] av = new double[f * p];
        double[] s = new double[m];
        for (int pi = 0; pi < p; pi++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int mi = 0; mi < m; mi++) {
                double dot = 0;
                for (int ei = 0; ei < e; ei++) dot += qd[ei * p + pi] * kd[ei * m + mi];
                s[mi] = dot;
                max = Math.max(max, dot);
            }
            double den = 0;
            for (int mi = 0; mi < m; mi++) {
                s[mi] = Math.exp(s[mi] - max);
                den += s[mi];
            }
            for (int fi = 0; fi < f; fi++) {
                double acc = 0;
                for (int mi = 0; mi < m; mi++) acc += s[mi] * vd[fi * m + mi];
                av[fi * p + pi] = acc / den;
            }
        }
        return av;
    }

    /** One interpreter run of the whole cascade; divide the cascade's iteration points by the time for points/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Map<String, DenseTensor> interpret() {
        return Interpreter.run(small, inputs);
    }
}
