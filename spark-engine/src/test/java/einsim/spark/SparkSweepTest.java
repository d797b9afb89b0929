package einsim.spark;

import einsim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spark engine on local[2] gives exactly the local engine's results. */
class SparkSweepTest {
    static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) System.err.println(out + "\n" + err);
        return code;
    }

    @Test
    void sparkOnLocal2EqualsTheLocalEngine(@TempDir Path dir) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("examples/sweeps"))) repo = repo.getParent();
        Path sweep = dir.resolve("s.yaml");
        Files.writeString(sweep, "command: roofline\nfixed: {model: meta-llama/Llama-2-7b-hf, stage: decode}\n"
                + "grid: {hardware: [nvidia_A100_80G, nvidia_H100, nvidia_A100_8OG], batch: [1, 8, 64], seqlen: [512, 2048]}\n");
        Path local = dir.resolve("local.duckdb");
        Path spark = dir.resolve("spark.duckdb");
        assertThat(run("sweep", sweep.toString(), "--out", local.toString(), "--workers", "2")).isEqualTo(1); // bad key fails
        assertThat(run("sweep", sweep.toString(), "--out", spark.toString(), "--engine", "spark", "--master", "local[2]"))
                .isEqualTo(1);
        for (Path s : new Path[]{local, spark}) {
            assertThat(run("results", "export", s.toString(), "--format", "csv", "--out", s + ".csv")).isZero();
        }
        String a = Files.readString(Path.of(local + ".csv"));
        assertThat(a).contains("nvidia_H100").contains("unknown hardware"); // ok and failed points both there
        assertThat(Files.readString(Path.of(spark + ".csv"))).isEqualTo(a);
    }
}
