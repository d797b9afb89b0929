package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The command-line contract of issue 8 for einsim attention (the closed-form part). */
class AttentionCliTest {
    @Test
    void jsonFieldsAndTheArtifactsNumbers() throws IOException {
        CliTest.Run r = CliTest.run("attention", "--design", "FLAT", "--model", "BERT", "--seqlen", "262144", "--compat", "fusemax-artifact",
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String f : new String[]{"cycles", "latency_s", "util_2d", "util_1d", "dram_bytes", "energy_pj"}) assertThat(j.has(f)).as(f).isTrue();
        assertThat(j.get("dram_bytes").asDouble()).isEqualTo(435_458_144_206_848.0);
        assertThat(j.get("latency_s").asDouble()).isCloseTo(1013.88, within(0.01));
        assertThat(j.get("util_1d").asDouble()).isCloseTo(0.86526, within(1e-5));
        assertThat(j.get("energy_pj").asDouble()).isPositive();
        assertThat(j.get("energy_breakdown_pj").get("compute").asDouble()).isPositive();
    }

    @Test
    void sweepWritesTheCsvAndTheParetoChart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        CliTest.Run r = CliTest.run("attention", "sweep", "--arrays", "16,32", "--designs", "fusemax,flat", "--seqlen", "4096", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        java.util.List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("sweep.csv"));
        assertThat(csv.get(0)).isEqualTo("design,array,area_um2,latency_s,util_2d,util_1d,energy_pj,dram_bytes,pareto");
        assertThat(csv).hasSize(5);
        assertThat(csv.stream().filter(l -> l.endsWith(",true"))).isNotEmpty();
        assertThat(java.nio.file.Files.size(dir.resolve("pareto.png"))).isPositive();
        CliTest.Run bad = CliTest.run("attention", "sweep", "--arrays", "48", "--seqlen", "4096", "--out", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--arrays 48");
        CliTest.Run none = CliTest.run("attention", "--model", "bert");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--design");
    }

    @Test
    void underscoreIdsEndToEndAndBadInput() throws IOException {
        CliTest.Run r = CliTest.run("attention", "--design", "plus_cascade", "--model", "t5", "--seqlen", "4096", "--end-to-end", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("latency_s").asDouble()).isGreaterThan(j.get("attention_latency_s").asDouble());
        CliTest.Run bad = CliTest.run("attention", "--design", "fusemax", "--model", "bert", "--seqlen", "1000");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--seqlen 1000").contains("multiple of the array size 256");
        CliTest.Run badDesign = CliTest.run("attention", "--design", "fusemx", "--model", "bert", "--seqlen", "1024");
        assertThat(badDesign.code()).isEqualTo(2);
        assertThat(badDesign.err()).contains("unknown design 'fusemx'");
    }
}
