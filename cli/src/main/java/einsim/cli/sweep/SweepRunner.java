package einsim.cli.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local sweep engine: points run in process on N worker threads (each with its own einsim command line); one
 * writer commits finished points to the store in small batches, so a sweep killed at any moment resumes with the
 * points it had not committed.
 */
public final class SweepRunner {
    /** How a sweep ended. */
    public record Summary(long total, long skipped, long ok, long infeasible, long failed, double seconds) {}

    private SweepRunner() {}

    public static Summary run(SweepSpec spec, Path storeFile, int workers, PrintWriter progress, boolean terminal) {
        List<SweepSpec.Point> points = spec.points();
        Map<Long, SweepSpec.Point> byId = points.stream().collect(Collectors.toMap(SweepSpec.Point::id, Function.identity()));
        String fp = spec.fingerprint(points);
        new PointRunner(spec.command(), storeFile.resolveSibling(storeFile.getFileName() + ".specs")); // validates the command
        try (ResultStore store = ResultStore.open(storeFile)) {
            String had = store.meta("fingerprint");
            if (had != null && !had.equals(fp)) {
                throw new SweepException(storeFile + " holds the results of a different sweep",
                        "use a new --out file, or delete " + storeFile + " to start over");
            }
            if (had == null) {
                store.setMeta("fingerprint", fp);
                store.setMeta("command", String.join(" ", spec.command()));
                ArrayNode cols = JsonNodeFactory.instance.arrayNode();
                spec.optionColumns().forEach(cols::add);
                store.setMeta("option_columns", cols.toString());
                store.setMeta("sweep_file", spec.source());
            }
            Set<Long> done = store.donePoints();
            List<SweepSpec.Point> todo = new ArrayList<>();
            for (SweepSpec.Point p : points) if (!done.contains(p.id())) todo.add(p);
            long start = System.nanoTime();
            Progress bar = new Progress(progress, terminal, todo.size(), done.size());
            BlockingQueue<PointRunner.Outcome> queue = new ArrayBlockingQueue<>(4096);
            AtomicInteger next = new AtomicInteger();
            Path specDir = storeFile.resolveSibling(storeFile.getFileName() + ".specs");
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Thread t = new Thread(() -> {
                    PointRunner runner = new PointRunner(spec.command(), specDir);
                    int i;
                    while ((i = next.getAndIncrement()) < todo.size()) {
                        PointRunner.Outcome o = runner.run(todo.get(i));
                        try {
                            queue.put(o);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }, "einsim-sweep-" + w);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            long received = 0;
            List<PointRunner.Outcome> batch = new ArrayList<>();
            long lastCommit = System.nanoTime();
            while (received < todo.size()) {
                PointRunner.Outcome o;
                try {
                    o = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (o != null) {
                    batch.add(o);
                    received++;
                    bar.add(o.status());
                }
                if (batch.size() >= 256 || (!batch.isEmpty() && System.nanoTime() - lastCommit > 200_000_000L)
                        || received == todo.size()) {
                    store.append(batch, byId);
                    batch.clear();
                    lastCommit = System.nanoTime();
                }
                bar.show(false);
            }
            store.append(batch, byId);
            bar.show(true);
            // the flat results table is built when it is first queried or exported (ResultStore.ensureMaterialized)
            Map<String, Long> counts = store.counts();
            double secs = (System.nanoTime() - start) / 1e9;
            return new Summary(points.size(), done.size(), counts.getOrDefault("ok", 0L),
                    counts.getOrDefault("infeasible", 0L), counts.getOrDefault("failed", 0L), secs);
        }
    }

    /** A progress bar on a terminal, plain lines otherwise. */
    static final class Progress {
        private final PrintWriter out;
        private final boolean terminal;
        private final long total;
        private final long skipped;
        private final long start = System.nanoTime();
        private long done;
        private long failed;
        private long lastShow;
        private long lastLineDone = -1;

        Progress(PrintWriter out, boolean terminal, long total, long skipped) {
            this.out = out;
            this.terminal = terminal;
            this.total = total;
            this.skipped = skipped;
            if (out != null && skipped > 0) out.println("einsim: resuming: " + skipped + " points already in the store");
        }

        void add(String status) {
            done++;
            if ("failed".equals(status)) failed++;
        }

        void show(boolean last) {
            if (out == null) return;
            long now = System.nanoTime();
            double secs = (now - start) / 1e9;
            if (terminal) {
                if (!last && now - lastShow < 100_000_000L) return;
                lastShow = now;
                int width = 30;
                int filled = total == 0 ? width : (int) (width * done / total);
                double rate = secs > 0 ? done / secs : 0;
                double left = rate > 0 ? (total - done) / rate : 0;
                out.printf(Locale.ROOT, "\r[%s%s] %d/%d done, %d failed, %.0f points/s, %s left ", "#".repeat(filled),
                        " ".repeat(width - filled), done, total, failed, rate, clock(left));
                if (last) out.println();
                out.flush();
            } else {
                boolean step = total >= 20 && done * 10 / total != Math.max(0, lastLineDone) * 10 / total;
                if (!last && !(step || now - lastShow > 5_000_000_000L)) return;
                if (last && done == lastLineDone) return;
                lastShow = now;
                lastLineDone = done;
                double rate = secs > 0 ? done / secs : 0;
                out.printf(Locale.ROOT, "einsim: %d/%d points done, %d failed, %.0f points/s%n", done, total, failed, rate);
                out.flush();
            }
        }

        private static String clock(double s) {
            long t = Math.round(s);
            return String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
        }
    }
}
