package einsim.cli.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A way to run a sweep beyond this process (found by {@link java.util.ServiceLoader}; the optional
 * {@code spark-engine} module provides {@code spark}).
 *
 * <p>Contract: every point is evaluated with {@link PointRunner} and stored in the same store format as the local
 * engine, so results do not depend on the engine.
 */
public interface SweepEngine {
    String name();

    SweepRunner.Summary run(SweepSpec spec, Path store, String master, PrintWriter progress);
}
