package einsim.cli;

import einsim.cli.sweep.SweepEngine;
import einsim.cli.sweep.SweepException;
import einsim.cli.sweep.SweepRunner;
import einsim.cli.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code einsim sweep}: every design point of a sweep file, in process, on all cores, into a results store. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every design point of a sweep file through an einsim command, in process and in parallel, "
                + "into a DuckDB results store. A killed sweep started again finishes the remaining points only.",
                "Exit 0 when every point is ok or infeasible, 1 when any failed, 2 for a bad sweep file."},
        footer = {"", "Example sweep file (docs/sweeps.md has more):", "  command: roofline",
                "  fixed: {model: meta-llama/Llama-2-7b-hf, stage: decode, seqlen: 1024}",
                "  grid: {hardware: [nvidia_A100_80G, nvidia_H100], batch: [1, 8, 64]}", "",
                "  einsim sweep sweep.yaml --out results.duckdb && einsim results query results.duckdb "
                        + "'SELECT hardware, batch, \"total.time_s\" FROM results'"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "FILE.yaml", description = "the sweep file")
    Path file;
    @Option(names = "--out", required = true, paramLabel = "STORE.duckdb", description = "results store (created or resumed)")
    Path out;
    @Option(names = "--workers", description = "parallel workers (default: all cores)")
    Integer workers;
    @Option(names = "--engine", description = "local or spark (default: ${DEFAULT-VALUE})")
    String engine = "local";
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*])")
    String master;
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a field of the sweep file, e.g. fixed.seqlen=2048")
    List<String> sets;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) throw new SweepException("no sweep file " + file, "check the path");
        SweepSpec sweep = SweepSpec.read(file, sets);
        int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (n < 1) throw new Main.UsageError("--workers " + n + ": must be at least 1", "use --workers 2");
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        SweepRunner.Summary s;
        if (engine.equals("local")) {
            s = SweepRunner.run(sweep, out, n, err, terminal);
        } else {
            SweepEngine e = null;
            for (SweepEngine x : ServiceLoader.load(SweepEngine.class)) if (x.name().equals(engine)) e = x;
            if (e == null) {
                throw new Main.UsageError("--engine " + engine + ": not on the class path",
                        engine.equals("spark") ? "build the optional spark-engine module and run einsim with it on the "
                                + "class path (docs/sweeps.md, 'Beyond one machine')" : "use --engine local");
            }
            s = e.run(sweep, out, master, err);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d points: %d ok, %d infeasible, %d failed%s in %.2f s -> %s%n", s.total(), s.ok(),
                s.infeasible(), s.failed(), s.skipped() > 0 ? " (" + s.skipped() + " resumed from the store)" : "",
                s.seconds(), out);
        return s.failed() > 0 ? Main.NEGATIVE : Main.OK;
    }
}
