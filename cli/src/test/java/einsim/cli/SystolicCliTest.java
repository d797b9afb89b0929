package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of issue 5: the SCALE-Sim drop-in and einsim simulate. */
class SystolicCliTest {
    static Path raw(String id) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("validation"))) p = p.getParent();
        return p.resolve("validation/scalesim/raw").resolve(id);
    }

    @Test
    void dropInWritesTheThreeReportsUnderRunName(@TempDir Path out) throws IOException {
        Path d = raw("v2_calc_small_ws_32x32_C_3x3_56x56x64_k128_s2");
        CliTest.Run r = CliTest.run("scalesim", "-c", d.resolve("config.cfg").toString(), "-t",
                d.resolve("topology.csv").toString(), "-p", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path run = out.resolve("v2_calc_small_ws_32x32_C_3x3_56x56x64_k128_s2");
        for (String f : new String[]{"COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv"}) {
            assertThat(Files.readString(run.resolve(f))).as(f).isEqualTo(Files.readString(d.resolve(f)));
        }
    }

    @Test
    void gemmFormIsTakenFromTheHeaderOrFromDashI(@TempDir Path out) throws IOException {
        Path d = raw("v2_calc_big_os_8x8_G_100x37x300");
        assertThat(CliTest.run("scalesim", "-c", d.resolve("config.cfg").toString(), "-t", d.resolve("topology.csv").toString(),
                "-p", out.toString(), "-i", "gemm").code()).isZero();
        assertThat(CliTest.run("scalesim", "-c", d.resolve("config.cfg").toString(), "-t", d.resolve("topology.csv").toString(),
                "-p", out.toString(), "-i", "matmul").code()).isEqualTo(2);
    }

    @Test
    void inputsScaleSimMisreadsExitTwoWithFileAndLine(@TempDir Path dir) throws IOException {
        Path base = raw("v2_calc_big_os_8x8_G_100x37x300");
        String cfg = Files.readString(base.resolve("config.cfg"));
        Path topo = base.resolve("topology.csv");
        Path bad = dir.resolve("bad.cfg");
        Files.writeString(bad, cfg.replace("Dataflow : os", "Dataflow : WS"));
        CliTest.Run df = CliTest.run("scalesim", "-c", bad.toString(), "-t", topo.toString(), "-p", dir.toString());
        assertThat(df.code()).isEqualTo(2);
        assertThat(df.err()).contains("bad.cfg:13: Dataflow = 'WS'").contains("runs it as os").contains("Maybe write Dataflow: ws");
        Files.writeString(bad, cfg.replace("ArrayHeight:    8", "ArrayHeight:    0"));
        assertThat(CliTest.run("scalesim", "-c", bad.toString(), "-t", topo.toString()).err()).contains("ArrayHeight = 0");
        Files.writeString(bad, cfg.replace("OfmapSramSzkB:    2048\n", ""));
        assertThat(CliTest.run("scalesim", "-c", bad.toString(), "-t", topo.toString()).err()).contains("has no OfmapSramSzkB");
        Files.writeString(bad, cfg.replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: calc"));
        assertThat(CliTest.run("scalesim", "-c", bad.toString(), "-t", topo.toString()).err()).contains("exactly CALC or USER");
        Path row = dir.resolve("topo.csv");
        Files.writeString(row, "Layer, M, N, K,\nG, 100, 37, 300\n");
        CliTest.Run noComma = CliTest.run("scalesim", "-c", base.resolve("config.cfg").toString(), "-t", row.toString());
        assertThat(noComma.code()).isEqualTo(2);
        assertThat(noComma.err()).contains("topo.csv:2:").contains("trailing comma").doesNotContain("\tat ");
    }

    @Test
    void simulateJsonHasTheContractFields() throws IOException {
        CliTest.Run r = CliTest.run("simulate", "--arch", "scalesim-scale", "--gemm", "64,64,64", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode js = new ObjectMapper().readTree(r.out());
        for (String f : new String[]{"total_cycles", "stall_cycles", "compute_cycles", "utilization", "mapping_efficiency",
                "sram_reads", "sram_writes", "dram_reads", "dram_writes", "energy_pj", "energy_pj_by_action", "fidelity"}) {
            assertThat(js.has(f)).as(f).isTrue();
        }
        assertThat(js.get("sram_reads").has("ifmap")).isTrue();
        assertThat(js.get("utilization").asDouble()).isBetween(0.0, 1.0);
        CliTest.Run cy = CliTest.run("simulate", "--arch", "scalesim-scale", "--gemm", "64,64,64", "--format", "json",
                "--fidelity", "cycle");
        assertThat(new ObjectMapper().readTree(cy.out()).get("total_cycles").asLong()).isEqualTo(js.get("total_cycles").asLong());
    }

    @Test
    void simulateReadsAnArchYamlAndRejectsBadOnes(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("mine.yaml");
        Files.writeString(a, "type: systolic\nrows: 16\ncols: 8\ndataflow: is\nsram_words: {ifmap: 65536, filter: 65536, "
                + "ofmap: 65536}\ndram_words_per_cycle: unlimited\nenergy_pj: {mac: 0.2}\n"
                + "provenance: {kind: ESTIMATED, source: a test}\n");
        CliTest.Run ok = CliTest.run("simulate", "--arch", a.toString(), "--conv", "8,8,3,3,4,16,1");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("16x8 is array");
        Files.writeString(a, "type: systolic\nrows: 0\ncols: 8\ndataflow: is\nsram_words: {ifmap: 1, filter: 1, ofmap: 1}\n"
                + "provenance: {kind: ESTIMATED, source: x}\n");
        CliTest.Run zero = CliTest.run("simulate", "--arch", a.toString(), "--gemm", "8,8,8");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("rows = 0");
        Files.writeString(a, "type: systolic\nrow: 4\n");
        assertThat(CliTest.run("simulate", "--arch", a.toString(), "--gemm", "8,8,8").err()).contains("unknown field 'row'")
                .contains("rows?");
        assertThat(CliTest.run("simulate", "--arch", "tpu-v2", "--gemm", "8,8,8").code()).isEqualTo(2);
    }
}
