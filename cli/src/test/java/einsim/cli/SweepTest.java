package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweeps: the contract, bad points, determinism across worker counts, and a real kill -9 followed by a resume. */
class SweepTest {
    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples/sweeps"))) p = p.getParent();
        return p;
    }

    static JsonNode query(Path store, String sql) throws IOException {
        CliTest.Run r = CliTest.run("results", "query", store.toString(), sql, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void theMinimalSweepFileRunsAsItIsIntoAQueryableStore(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("r.duckdb");
        CliTest.Run r = CliTest.run("sweep", repo().resolve("examples/sweeps/roofline.yaml").toString(), "--out",
                store.toString(), "--workers", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 points: 6 ok, 0 infeasible, 0 failed");
        JsonNode rows = query(store, "SELECT point_id, status, error, hardware, batch, model, \"total.time_s\", "
                + "\"layers.q_proj.time_s\" FROM results ORDER BY point_id");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).get("hardware").asText()).isEqualTo("nvidia_A100_80G");
        assertThat(rows.get(5).get("batch").asLong()).isEqualTo(64);
        assertThat(rows.get(3).get("total.time_s").asDouble()).isPositive();
        CliTest.Run single = CliTest.run("roofline", "--model", "meta-llama/Llama-2-7b-hf", "--hardware", "nvidia_H100",
                "--stage", "decode", "--seqlen", "1024", "--batch", "1", "--format", "json");
        assertThat(rows.get(3).get("total.time_s").asDouble())
                .isEqualTo(new ObjectMapper().readTree(single.out()).get("total").get("time_s").asDouble());
        Path csv = dir.resolve("r.csv");
        assertThat(CliTest.run("results", "export", store.toString(), "--format", "csv", "--out", csv.toString()).code()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(7);
        Path pq = dir.resolve("r.parquet");
        assertThat(CliTest.run("results", "export", store.toString(), "--format", "parquet", "--out", pq.toString()).code()).isZero();
        assertThat(Files.size(pq)).isPositive();
    }

    @Test
    void badPointsAreRecordedWithTheirReasonAndTheSweepGoesOn(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("b.duckdb");
        CliTest.Run r = CliTest.run("sweep", repo().resolve("examples/sweeps/bad-points.yaml").toString(), "--out",
                store.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("8 points: 1 ok, 0 infeasible, 7 failed");
        JsonNode rows = query(store, "SELECT point_id, status, error, \"total.fits_in_memory\" AS fits FROM results ORDER BY point_id");
        assertThat(rows.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(rows.get(0).get("fits").asBoolean()).isFalse(); // computed and flagged, not refused
        assertThat(rows.get(1).get("error").asText()).contains("1..32");
        assertThat(rows.get(2).get("error").asText()).contains("nvidia_A100_80G");
        assertThat(rows.get(4).get("error").asText()).contains("no decode stage");
    }

    @Test
    void badSweepFilesExitTwo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "command: roofline\ngrid: {batch: [1, 2]}\nfixd: {seqlen: 1}\n");
        CliTest.Run r = CliTest.run("sweep", f.toString(), "--out", dir.resolve("x.duckdb").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'fixd'");
        Files.writeString(f, "command: rooflin\ngrid: {batch: [1, 2]}\n");
        assertThat(CliTest.run("sweep", f.toString(), "--out", dir.resolve("y.duckdb").toString()).err())
                .contains("'rooflin' is not an einsim command");
        Files.writeString(f, "command: roofline\nzip: [{batch: [1, 2], seqlen: [1]}]\n");
        assertThat(CliTest.run("sweep", f.toString(), "--out", dir.resolve("z.duckdb").toString()).err())
                .contains("zipped axes equal lengths");
    }

    @Test
    void rangesZipExcludeAndSetShapeThePoints(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "command: simulate\nfixed: {arch: scalesim-scale, gemm: \"64,64,64\"}\n"
                + "grid: {rows: {from: 4, to: 32, times: 2}}\nzip: [{cols: [8, 16], dataflow: [os, ws]}]\n"
                + "exclude: [{rows: 32, dataflow: ws}]\n");
        Path store = dir.resolve("s.duckdb");
        CliTest.Run r = CliTest.run("sweep", f.toString(), "--out", store.toString(), "--set", "fixed.gemm=\"32,32,32\"");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = query(store, "SELECT rows, cols, dataflow, gemm FROM results ORDER BY point_id");
        assertThat(rows).hasSize(4 * 2 - 1);
        assertThat(rows.get(0).get("rows").asLong()).isEqualTo(4);
        assertThat(rows.get(1).get("dataflow").asText()).isEqualTo("ws");
        assertThat(rows.get(1).get("cols").asLong()).isEqualTo(16);
        assertThat(rows.get(0).get("gemm").asText()).isEqualTo("32,32,32");
    }

    @Test
    void specFileFieldsCanBeSwept(@TempDir Path dir) throws IOException {
        Path arch = dir.resolve("a.yaml");
        Files.writeString(arch, "type: systolic\nrows: 8\ncols: 8\ndataflow: os\nsram_words: {ifmap: 65536, filter: 65536, "
                + "ofmap: 65536}\nprovenance: {kind: ESTIMATED, source: test}\n");
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "command: simulate\nfixed: {arch: " + arch + ", gemm: \"64,64,64\"}\n"
                + "grid: {arch.rows: [4, 16], arch.dataflow: [os, is]}\n");
        Path store = dir.resolve("s.duckdb");
        assertThat(CliTest.run("sweep", f.toString(), "--out", store.toString()).code()).isZero();
        JsonNode rows = query(store, "SELECT \"arch.rows\" AS r, \"arch.dataflow\" AS d, rows, dataflow FROM results ORDER BY point_id");
        assertThat(rows.get(3).get("r").asLong()).isEqualTo(16);
        assertThat(rows.get(3).get("d").asText()).isEqualTo("is");
    }

    @Test
    void exportsAreByteIdenticalWhateverTheWorkerCount(@TempDir Path dir) throws IOException {
        Path sweep = repo().resolve("examples/sweeps/systolic.yaml");
        for (int w : new int[]{1, 2}) {
            Path store = dir.resolve("w" + w + ".duckdb");
            assertThat(CliTest.run("sweep", sweep.toString(), "--out", store.toString(), "--workers", Integer.toString(w)).code())
                    .isZero();
            assertThat(CliTest.run("results", "export", store.toString(), "--format", "csv", "--out",
                    dir.resolve("w" + w + ".csv").toString()).code()).isZero();
            assertThat(CliTest.run("results", "export", store.toString(), "--format", "parquet", "--out",
                    dir.resolve("w" + w + ".parquet").toString()).code()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("w1.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("w2.csv")));
        assertThat(Files.readAllBytes(dir.resolve("w1.parquet"))).isEqualTo(Files.readAllBytes(dir.resolve("w2.parquet")));
    }

    /** A real sweep process killed with SIGKILL mid-way, then resumed: every point exactly once, equal to a clean run. */
    @Test
    void aKilledSweepResumesWithEveryPointExactlyOnce(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, "command: simulate\nfixed: {arch: scalesim-scale, gemm: \"48,40,56\"}\n"
                + "grid: {rows: {from: 1, to: 100}, cols: {from: 1, to: 60}}\n");
        int points = 100 * 60;
        Path store = dir.resolve("k.duckdb");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", cp, "einsim.cli.Main", "sweep", f.toString(), "--out", store.toString(),
                "--workers", "1").redirectErrorStream(true).start();
        boolean killed = false;
        List<String> seen = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                if (line.matches("einsim: \\d+/\\d+ points done.*") && Long.parseLong(line.split("[ /]")[1]) >= points / 5) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    killed = true;
                    break;
                }
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        assertThat(killed).as("the sweep finished before it could be killed: " + seen).isTrue();
        CliTest.Run resumed = CliTest.run("sweep", f.toString(), "--out", store.toString(), "--workers", "2");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).containsPattern("resuming: \\d+ points already in the store");
        assertThat(resumed.out()).contains(points + " points: " + points + " ok");
        JsonNode n = query(store, "SELECT count(*) AS n, count(DISTINCT point_id) AS d, min(point_id) AS lo, max(point_id) AS hi "
                + "FROM results");
        assertThat(n.get(0).get("n").asLong()).isEqualTo(points);
        assertThat(n.get(0).get("d").asLong()).isEqualTo(points);
        assertThat(n.get(0).get("hi").asLong()).isEqualTo(points - 1);
        Path clean = dir.resolve("clean.duckdb");
        assertThat(CliTest.run("sweep", f.toString(), "--out", clean.toString()).code()).isZero();
        for (Path s : new Path[]{store, clean}) {
            assertThat(CliTest.run("results", "export", s.toString(), "--format", "csv", "--out", s + ".csv").code()).isZero();
        }
        assertThat(Files.readAllBytes(Path.of(store + ".csv"))).isEqualTo(Files.readAllBytes(Path.of(clean + ".csv")));
    }
}
