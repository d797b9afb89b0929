package einsim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.cli.sweep.PointRunner;
import einsim.cli.sweep.ResultStore;
import einsim.cli.sweep.SweepEngine;
import einsim.cli.sweep.SweepException;
import einsim.cli.sweep.SweepRunner;
import einsim.cli.sweep.SweepSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a sweep on Apache Spark (Java API): the points the store does not hold yet are distributed as JSON, each
 * partition evaluates its points in process with {@link PointRunner}, and the driver streams the outcomes back and
 * commits them to the same DuckDB store as the local engine, in batches, so a killed run resumes.
 */
public final class SparkSweepEngine implements SweepEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() { return "spark"; }

    @Override
    public SweepRunner.Summary run(SweepSpec spec, Path storeFile, String master, PrintWriter progress) {
        List<SweepSpec.Point> points = spec.points();
        Map<Long, SweepSpec.Point> byId = points.stream().collect(Collectors.toMap(SweepSpec.Point::id, Function.identity()));
        String fp = spec.fingerprint(points);
        long start = System.nanoTime();
        try (ResultStore store = ResultStore.open(storeFile)) {
            String had = store.meta("fingerprint");
            if (had != null && !had.equals(fp)) {
                throw new SweepException(storeFile + " holds the results of a different sweep", "use a new --out file");
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
            List<String> todo = new ArrayList<>();
            for (SweepSpec.Point p : points) {
                if (done.contains(p.id())) continue;
                ObjectNode o = JSON.createObjectNode();
                o.put("id", p.id());
                ObjectNode opts = o.putObject("options");
                p.options().forEach(opts::set);
                todo.add(o.toString());
            }
            if (progress != null && !done.isEmpty()) progress.println("einsim: resuming: " + done.size() + " points already in the store");
            SparkSession session = SparkSession.builder().appName("einsim sweep " + spec.source())
                    .master(master == null ? "local[*]" : master)
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            try {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
                int slices = Math.max(1, Math.min(todo.size(), jsc.defaultParallelism() * 4));
                List<String> command = spec.command();
                String specDir = storeFile.toAbsolutePath().resolveSibling(storeFile.getFileName() + ".specs").toString();
                JavaRDD<String> outcomes = jsc.parallelize(todo, slices).mapPartitions(it -> evaluate(it, command, specDir));
                List<PointRunner.Outcome> batch = new ArrayList<>();
                long n = 0;
                for (Iterator<String> it = outcomes.toLocalIterator(); it.hasNext(); ) {
                    JsonNode o = JSON.readTree(it.next());
                    batch.add(new PointRunner.Outcome(o.get("id").asLong(), o.get("status").asText(),
                            o.get("error").isNull() ? null : o.get("error").asText(),
                            o.get("result").isNull() ? null : o.get("result").asText()));
                    if (batch.size() >= 256) {
                        store.append(batch, byId);
                        n += batch.size();
                        batch.clear();
                        if (progress != null) progress.println("einsim: " + n + "/" + todo.size() + " points done on Spark");
                    }
                }
                store.append(batch, byId);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                session.stop();
            }
            Map<String, Long> counts = store.counts();
            return new SweepRunner.Summary(points.size(), done.size(), counts.getOrDefault("ok", 0L),
                    counts.getOrDefault("infeasible", 0L), counts.getOrDefault("failed", 0L), (System.nanoTime() - start) / 1e9);
        }
    }

    /** On an executor: one point runner per partition, each point evaluated in process. */
    private static Iterator<String> evaluate(Iterator<String> points, List<String> command, String specDir) throws Exception {
        PointRunner runner = new PointRunner(command, Path.of(specDir));
        List<String> out = new ArrayList<>();
        while (points.hasNext()) {
            JsonNode p = JSON.readTree(points.next());
            Map<String, JsonNode> opts = new LinkedHashMap<>();
            p.get("options").fields().forEachRemaining(e -> opts.put(e.getKey(), e.getValue()));
            PointRunner.Outcome o = runner.run(new SweepSpec.Point(p.get("id").asLong(), opts));
            ObjectNode r = JSON.createObjectNode();
            r.put("id", o.pointId());
            r.put("status", o.status());
            r.put("error", o.error());
            r.put("result", o.resultJson());
            out.add(r.toString());
        }
        return out.iterator();
    }
}
