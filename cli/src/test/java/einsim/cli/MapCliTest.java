package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of einsim map (issue 8). */
class MapCliTest {
    @Test
    void bestMappingOfAGemmAsJsonAndText() throws IOException {
        CliTest.Run r = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=512,N=512,K=512", "--arch", "tpu-like", "--dataflow", "ws",
                "--min-utilization", "1", "--word-bytes", "1", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("strategy").asText()).isEqualTo("exhaustive");
        assertThat(j.get("exhausted").asBoolean()).isTrue();
        JsonNode c = j.get("cost");
        // 512³ MACs on 256×256 PEs: at least 2,048 steps, plus a fill and drain of 2·256 + 256 − 2 per pass
        assertThat(c.get("compute_cycles").asLong()).isGreaterThanOrEqualTo(2048);
        assertThat(c.get("utilization").asDouble()).isBetween(0.0, 1.0);
        assertThat(c.get("energy_pj").asDouble()).isPositive();
        assertThat(j.get("mapping").get(0).get("level").asText()).isEqualTo("DRAM");
        assertThat(j.get("loop_nest").asText()).contains("parallel_for kX in [0:256)").contains("parallel_for nY in [0:256)");
        CliTest.Run t = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=64,N=64,K=64", "--arch", "scalesim-scale", "--strategy", "random",
                "--max-evaluations", "5000");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("cycles").contains("utilization").contains("SRAM");
    }

    @Test
    void checkpointResumesAndBadInputIsOneSentence(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("ck.json");
        CliTest.Run first = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=256,N=256,K=256", "--arch", "fusemax-2d", "--strategy", "exhaustive",
                "--max-evaluations", "20000", "--checkpoint", ck.toString(), "--threads", "1", "--format", "json");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(Files.exists(ck)).isTrue();
        CliTest.Run second = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=256,N=256,K=256", "--arch", "fusemax-2d", "--strategy", "exhaustive",
                "--max-evaluations", "40000", "--checkpoint", ck.toString(), "--threads", "1", "--format", "json");
        JsonNode j = new ObjectMapper().readTree(second.out());
        assertThat(j.get("resumed").asBoolean()).isTrue();
        assertThat(j.get("evaluated").asLong()).isGreaterThan(20000);

        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "clock_mhz: 500\nmesh: {x: 4, y: 4}\nlevles: []\n");
        CliTest.Run bad = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=8,N=8,K=8", "--arch", yaml.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown field 'levles'").contains("levels").doesNotContain("Exception");
        CliTest.Run neg = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=8,N=-8,K=8", "--arch", "tpu-like");
        assertThat(neg.code()).isEqualTo(2);
        CliTest.Run fix = CliTest.run("map", "--einsum", "gemm", "--ranks", "M=8,N=8,K=8", "--arch", "tpu-like", "--fix", "Q.M=2");
        assertThat(fix.code()).isEqualTo(2);
        assertThat(fix.err()).contains("no level 'Q'");
        CliTest.Run many = CliTest.run("map", "--einsum", "attention-1pass", "--ranks", "M=1024,P=1024,E=64,F=64,M0=256", "--arch", "tpu-like");
        assertThat(many.code()).isEqualTo(2);
        assertThat(many.err()).contains("--einsum-name");
    }
}
