package einsim.mappers.map;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Runs a {@link SearchStrategy} over a {@link Mapspace}: worker threads ask for batches, evaluate them with their own
 * {@link CostModel} and tell the results back; the best point so far is streamed to a listener; a checkpoint file
 * is written every second (between batches, so no asked point is lost) and read back to resume.
 */
public final class MapperDriver {
    private static final int BATCH = 512;
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    /**
     * @param budgetSeconds wall-clock limit (≤ 0: none; the search then ends when the strategy does or at
     *                      {@code maxEvaluations})
     * @param threads       worker threads (≥ 1)
     * @param checkpoint    null, or a file to resume from and write to
     * @param onBest        called (on a worker thread) with each new best
     * @param patienceSeconds stop when the best has not improved for this long (≤ 0: never; exhaustive ignores it)
     * @param target        stop as soon as the best objective is at most this (−∞: never)
     */
    public record Options(Objective objective, double budgetSeconds, int threads, Path checkpoint, long maxEvaluations,
                          Consumer<Progress> onBest, double patienceSeconds, double target) {
        public Options(Objective objective, double budgetSeconds, int threads, Path checkpoint, long maxEvaluations, Consumer<Progress> onBest) {
            this(objective, budgetSeconds, threads, checkpoint, maxEvaluations, onBest, 0, Double.NEGATIVE_INFINITY);
        }

        public Options(Objective objective, double budgetSeconds, int threads, Path checkpoint, long maxEvaluations, Consumer<Progress> onBest,
                       double patienceSeconds) {
            this(objective, budgetSeconds, threads, checkpoint, maxEvaluations, onBest, patienceSeconds, Double.NEGATIVE_INFINITY);
        }

        public Options {
            if (threads < 1) throw new MapperException("threads = " + threads, "use at least one thread");
            if (maxEvaluations < 1) maxEvaluations = Long.MAX_VALUE;
        }
    }

    /** A new best: after how many evaluations and seconds, and its cost. */
    public record Progress(long evaluated, double seconds, double objective, long cycles, double energyPj) {}

    /**
     * @param exhausted true when the strategy had nothing left to try (for exhaustive: the optimum of the space)
     */
    public record Outcome(Mapping best, Cost cost, int[] bestPoint, long evaluated, long valid, double seconds,
                          boolean exhausted, boolean resumed, List<Progress> trace) {}

    private MapperDriver() {}

    public static Outcome run(Mapspace space, SearchStrategy strategy, Options o) {
        long t0 = System.nanoTime();
        long[] evaluated = {0};
        long[] valid = {0};
        double[] bestObj = {Double.POSITIVE_INFINITY};
        int[][] bestPoint = {null};
        List<Progress> trace = new ArrayList<>();
        boolean resumed = false;
        double priorSeconds = 0;
        if (o.checkpoint() != null && Files.isRegularFile(o.checkpoint())) {
            JsonNode n = read(o.checkpoint());
            String want = fingerprint(space, strategy, o);
            if (!want.equals(n.path("search").asText())) {
                throw new MapperException(o.checkpoint() + " is the checkpoint of another search (" + n.path("search").asText() + ")",
                        "delete it or give another --checkpoint file; this search is " + want);
            }
            strategy.restore(n.path("state"));
            evaluated[0] = n.path("evaluated").asLong();
            valid[0] = n.path("valid").asLong();
            priorSeconds = n.path("seconds").asDouble();
            if (n.has("best_point")) {
                bestPoint[0] = AnnealSearch.ints(n.get("best_point"));
                bestObj[0] = n.path("best_objective").asDouble();
            }
            resumed = true;
        }
        final double prior = priorSeconds;
        long deadline = o.budgetSeconds() > 0 && o.budgetSeconds() < 1e9 ? t0 + (long) (o.budgetSeconds() * 1e9) : Long.MAX_VALUE;
        new CostModel(space.workload(), space.arch()); // bad sizes fail here, on the caller's thread
        Throwable[] failure = {null};
        AtomicBoolean exhausted = new AtomicBoolean(false);
        ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
        Object lock = new Object();
        long[] lastBest = {System.nanoTime()};
        long patience = o.patienceSeconds() > 0 && !strategy.name().equals("exhaustive") ? (long) (o.patienceSeconds() * 1e9) : Long.MAX_VALUE;
        Runnable body = () -> {
            CostModel cm = new CostModel(space.workload(), space.arch());
            double[] objs = new double[BATCH];
            while (System.nanoTime() < deadline && !exhausted.get()) {
                gate.readLock().lock();
                try {
                    List<int[]> batch;
                    synchronized (lock) {
                        if (evaluated[0] >= o.maxEvaluations() || System.nanoTime() - lastBest[0] > patience || bestObj[0] <= o.target()) return;
                        batch = strategy.ask((int) Math.min(BATCH, o.maxEvaluations() - evaluated[0]));
                        if (batch.isEmpty()) {
                            exhausted.set(true);
                            return;
                        }
                        evaluated[0] += batch.size();
                    }
                    int nv = 0;
                    for (int i = 0; i < batch.size(); i++) {
                        objs[i] = cm.objective(space.decode(batch.get(i)), o.objective());
                        if (objs[i] < Double.POSITIVE_INFINITY) nv++;
                    }
                    synchronized (lock) {
                        valid[0] += nv;
                        for (int i = 0; i < batch.size(); i++) {
                            strategy.tell(batch.get(i), objs[i]);
                            if (objs[i] < bestObj[0]) {
                                bestObj[0] = objs[i];
                                bestPoint[0] = batch.get(i);
                                lastBest[0] = System.nanoTime();
                                Cost c = cm.evaluate(space.decode(batch.get(i)));
                                Progress p = new Progress(evaluated[0], prior + (System.nanoTime() - t0) / 1e9, objs[i], c.cycles(), c.energyPj());
                                trace.add(p);
                                if (o.onBest() != null) o.onBest().accept(p);
                            }
                        }
                    }
                } finally {
                    gate.readLock().unlock();
                }
            }
        };
        Runnable worker = () -> {
            try {
                body.run();
            } catch (Throwable t) {
                synchronized (lock) {
                    if (failure[0] == null) failure[0] = t;
                }
                exhausted.set(true);
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.threads(); i++) {
            Thread t = new Thread(worker, "mapper-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            while (threads.stream().anyMatch(Thread::isAlive)) {
                threads.get(0).join(1000);
                for (Thread t : threads) if (t.isAlive() && !threads.get(0).isAlive()) t.join(1000);
                if (o.checkpoint() != null) {
                    gate.writeLock().lock();
                    try {
                        synchronized (lock) {
                            write(o.checkpoint(), space, strategy, o, evaluated[0], valid[0], prior + (System.nanoTime() - t0) / 1e9,
                                    bestPoint[0], bestObj[0], exhausted.get());
                        }
                    } finally {
                        gate.writeLock().unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            exhausted.set(true);
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException ignored) {
                    // already stopping
                }
            }
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException re) throw re;
        if (failure[0] instanceof Error er) throw er;
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
        double seconds = prior + (System.nanoTime() - t0) / 1e9;
        if (o.checkpoint() != null) {
            write(o.checkpoint(), space, strategy, o, evaluated[0], valid[0], seconds, bestPoint[0], bestObj[0], exhausted.get());
        }
        if (bestPoint[0] == null) {
            return new Outcome(null, Cost.invalid("no valid mapping found"), null, evaluated[0], valid[0], seconds, exhausted.get(), resumed, trace);
        }
        Mapping best = space.decode(bestPoint[0]);
        return new Outcome(best, new CostModel(space.workload(), space.arch()).evaluate(best), bestPoint[0], evaluated[0], valid[0],
                seconds, exhausted.get(), resumed, trace);
    }

    /** Names the search and hashes everything that defines its space, so a checkpoint resumes only the same search. */
    static String fingerprint(Mapspace s, SearchStrategy st, Options o) {
        return s.workload() + " on " + s.arch().name() + ", " + st.name() + ", " + o.objective().name().toLowerCase()
                + ", space " + Integer.toHexString(s.description().hashCode()) + Integer.toHexString(s.description().length());
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new MapperException(p + ": not a mapper checkpoint (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "delete it to start afresh");
        }
    }

    private static void write(Path p, Mapspace s, SearchStrategy st, Options o, long evaluated, long valid, double seconds,
                              int[] best, double bestObj, boolean finished) {
        ObjectNode n = JSON.createObjectNode();
        n.put("search", fingerprint(s, st, o));
        n.put("evaluated", evaluated);
        n.put("valid", valid);
        n.put("seconds", seconds);
        n.put("finished", finished);
        if (best != null) {
            var a = n.putArray("best_point");
            for (int x : best) a.add(x);
            n.put("best_objective", bestObj);
        }
        n.set("state", st.state());
        try {
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MapperException("cannot write the checkpoint " + p + ": " + e.getMessage(), "check the directory exists and is writable");
        }
    }
}
