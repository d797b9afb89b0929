package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of issue 7: einsim schedule. */
class ScheduleCliTest {
    static String cosma(String f) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("validation"))) p = p.getParent();
        return p.resolve("validation/cosma").resolve(f).toString();
    }

    @Test
    void jsonCarriesTheContractFields() throws IOException {
        CliTest.Run r = CliTest.run("schedule", "--graph", cosma("spill_toy.json"), "--scratchpad-bytes", "8", "--format", "json",
                "--workers", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("OPTIMAL");
        assertThat(j.get("offchip_bytes").asLong()).isEqualTo(12);
        assertThat(j.get("baseline_offchip_bytes").asLong()).isEqualTo(14);
        assertThat(j.get("baselines")).hasSize(4);
        for (String f : new String[]{"bound", "gap", "solve_seconds", "order", "allocations", "spills", "reloads"}) assertThat(j.has(f)).as(f).isTrue();
        assertThat(j.get("order")).hasSize(7);
        long spilled = 0;
        for (JsonNode s : j.get("spills")) spilled += s.get("bytes").asLong();
        // each spilled tensor is written once and read once per reload; here every spilled tensor is reloaded once
        assertThat(2 * spilled).isEqualTo(12);
        assertThat(j.get("reloads").get(0).has("tensor")).isTrue();
        assertThat(j.get("allocations").get(0).has("address")).isTrue();
    }

    @Test
    void fixedOrderAndNamedBudgets() throws IOException {
        CliTest.Run r = CliTest.run("schedule", "--graph", cosma("spill_toy.json"), "--budget", "MH", "--fixed-order", "--format", "json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("scratchpad_bytes").asLong()).isEqualTo(10);
        assertThat(j.get("offchip_bytes").asLong()).isEqualTo(8);
        assertThat(j.get("baselines")).hasSize(2);
    }

    @Test
    void infeasibleIsAResultNamingTheOp() throws IOException {
        CliTest.Run r = CliTest.run("schedule", "--graph", cosma("chain.json"), "--scratchpad-bytes", "5", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("INFEASIBLE");
        assertThat(j.get("reason").asText()).contains("layer2").contains("6 B");
    }

    @Test
    void badInputExitsTwoWithOneMessage(@TempDir Path dir) throws IOException {
        Path cyc = dir.resolve("cycle.json");
        Files.writeString(cyc, "{\"tensors\":[{\"name\":\"x\",\"bytes\":2},{\"name\":\"y\",\"bytes\":3}],"
                + "\"ops\":[{\"name\":\"a\",\"inputs\":[\"y\"],\"outputs\":[\"x\"]},{\"name\":\"b\",\"inputs\":[\"x\"],\"outputs\":[\"y\"]}]}");
        CliTest.Run r = CliTest.run("schedule", "--graph", cyc.toString(), "--budget", "MR");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cycle.json").contains("cycle").doesNotContain("Exception");
        r = CliTest.run("schedule", "--graph", "resnet51", "--budget", "MR");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown zoo graph 'resnet51'");
        r = CliTest.run("schedule", "--graph", cosma("chain.json"), "--scratchpad-bytes", "-3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--scratchpad-bytes -3");
        Path noSchedule = dir.resolve("free.json");
        Files.writeString(noSchedule, "{\"tensors\":[{\"name\":\"x\",\"bytes\":2}],\"ops\":[{\"name\":\"a\",\"outputs\":[\"x\"]}]}");
        r = CliTest.run("schedule", "--graph", noSchedule.toString(), "--budget", "MR", "--fixed-order");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no schedule to keep");
        r = CliTest.run("schedule", "--graph", cosma("chain.json"), "--budget", "MR", "--arena-alignment", "9223372036854775807");
        assertThat(r.code()).isEqualTo(2);
        r = CliTest.run("schedule", "--graph", dir.resolve("missing.json").toString(), "--budget", "MR");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void exportedZooGraphReadsBack(@TempDir Path dir) throws IOException {
        CliTest.Run r = CliTest.run("schedule", "--export-graph", "mobilenetv2");
        assertThat(r.code()).as(r.err()).isZero();
        Path f = dir.resolve("m.json");
        Files.writeString(f, r.out());
        CliTest.Run s = CliTest.run("schedule", "--graph", f.toString(), "--budget", "MR", "--format", "json");
        assertThat(s.code()).as(s.err()).isZero();
        CliTest.Run z = CliTest.run("schedule", "--graph", "mobilenetv2", "--budget", "MR", "--format", "json");
        JsonNode a = new ObjectMapper().readTree(s.out());
        JsonNode b = new ObjectMapper().readTree(z.out());
        assertThat(a.get("budgets")).isEqualTo(b.get("budgets"));
        assertThat(a.get("offchip_bytes")).isEqualTo(b.get("offchip_bytes"));
        assertThat(CliTest.run("schedule", "--zoo").out()).contains("resnet50").contains("densenet121").contains("vit-b16");
    }
}
