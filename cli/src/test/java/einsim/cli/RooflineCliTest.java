package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of issue 4. */
class RooflineCliTest {
    private static final String[] BASE = {"roofline", "--model", "meta-llama/Llama-2-7b-hf", "--hardware", "nvidia_A100_80G"};

    private static CliTest.Run run(String... extra) {
        String[] args = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, args, 0, BASE.length);
        System.arraycopy(extra, 0, args, BASE.length, extra.length);
        return CliTest.run(args);
    }

    @Test
    void jsonHasTheContractFieldsAndTheWorkedExampleTotals() throws IOException {
        CliTest.Run r = run("--stage", "decode", "--batch", "1", "--seqlen", "1024", "--compat", "llm-viewer", "--format", "json",
                "--einsum");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode js = new ObjectMapper().readTree(r.out());
        JsonNode t = js.get("total");
        // LLM roofline brief §11
        assertThat(t.get("ops").asLong()).isEqualTo(13_627_555_840L);
        assertThat(t.get("memory_access_bytes").asDouble()).isEqualTo(13_767_891_456.0);
        assertThat(t.get("time_s").asDouble()).isEqualTo(0.006752276339382051);
        assertThat(t.get("memory_consumption_bytes").asDouble()).isEqualTo(13_489_130_496.0);
        JsonNode q = js.get("layers").get(0);
        for (String f : new String[]{"name", "repeat", "ops", "memory_access_bytes", "arithmetic_intensity", "bound",
                "time_s", "load_weight_bytes", "load_act_bytes", "store_act_bytes", "load_kv_bytes", "store_kv_bytes"}) {
            assertThat(q.has(f)).as(f).isTrue();
        }
        assertThat(q.get("name").asText()).isEqualTo("q_proj");
        assertThat(q.get("repeat").asInt()).isEqualTo(32);
        assertThat(q.get("time_s").asDouble()).isEqualTo(1.6464353114271703e-05);
        assertThat(q.get("einsum").asText()).contains("Y[b, t, o] = X[b, t, i] * W[i, o]");
        assertThat(js.get("warnings").isArray()).isTrue();
    }

    @Test
    void generateReportsPrefillAndTotal() throws IOException {
        CliTest.Run r = run("--stage", "generate", "--prompt-len", "1024", "--gen-len", "128", "--compat", "llm-viewer",
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out()).get("total");
        assertThat(t.get("prefill_time_s").asDouble()).isEqualTo(0.04882533937603884);
        assertThat(t.get("time_s").asDouble()).isEqualTo(0.9152393186835427);
    }

    @Test
    void csvMarkdownAndTextWork() {
        CliTest.Run csv = run("--seqlen", "128", "--format", "csv");
        assertThat(csv.code()).isZero();
        assertThat(csv.out()).startsWith("name,repeat,ops,memory_access_bytes").contains("\ntotal,");
        CliTest.Run md = run("--seqlen", "128", "--format", "markdown");
        assertThat(md.out()).contains("| name | repeat |");
        CliTest.Run text = run("--seqlen", "128");
        assertThat(text.out()).contains("ridge 153.0 OP/B").contains("lm_head");
    }

    @Test
    void badInputExitsTwoWithOneSentence() {
        CliTest.Run hw = CliTest.run("roofline", "--model", "meta-llama/Llama-2-7b-hf", "--hardware", "nvidia_A100_8OG",
                "--stage", "decode", "--batch", "1", "--seqlen", "1024");
        assertThat(hw.code()).isEqualTo(2);
        assertThat(hw.err()).contains("nvidia_A100_80G").doesNotContain("\tat ");
        assertThat(run("--seqlen", "0").code()).isEqualTo(2);
        assertThat(run("--seqlen", "1024", "--batch", "-1").code()).isEqualTo(2);
        CliTest.Run bits = run("--seqlen", "1024", "--w-bit", "33");
        assertThat(bits.code()).isEqualTo(2);
        assertThat(bits.err()).contains("1..32");
        CliTest.Run fam = CliTest.run("roofline", "--model", "gpt2", "--hardware", "nvidia_H100", "--seqlen", "128",
                "--compat", "llm-viewer");
        assertThat(fam.code()).isEqualTo(2);
        assertThat(fam.err()).contains("no LLM-Viewer equivalent");
        CliTest.Run enc = CliTest.run("roofline", "--model", "bert-base-uncased", "--hardware", "nvidia_H100", "--seqlen", "128");
        assertThat(enc.code()).isEqualTo(2);
        assertThat(enc.err()).contains("no decode stage");
        assertThat(run("--seqlen", "1024", "--tp", "3").err()).contains("does not divide");
    }

    @Test
    void customDeviceAndLargePointsAreComputedAndFlagged(@TempDir Path dir) throws IOException {
        Path dev = dir.resolve("tiny.yaml");
        Files.writeString(dev, "bandwidth_bytes_per_s: 100e9\npeak_ops_per_s: {FP16: 10e12}\nmemory_capacity_bytes: 8e9\n"
                + "provenance: {kind: ESTIMATED, source: a test}\n");
        CliTest.Run r = CliTest.run("roofline", "--model", "meta-llama/Llama-2-7b-hf", "--hardware", dev.toString(),
                "--seqlen", "100000", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode js = new ObjectMapper().readTree(r.out());
        assertThat(js.get("total").get("fits_in_memory").asBoolean()).isFalse();
        assertThat(js.get("warnings").toString()).contains("max_position_embeddings");
    }

    @Test
    void plotWritesBothCharts(@TempDir Path dir) {
        Path png = dir.resolve("r.png");
        Path svg = dir.resolve("r.svg");
        assertThat(run("--seqlen", "1024", "--plot", png.toString()).code()).isZero();
        assertThat(run("--stage", "prefill", "--seqlen", "512", "--plot", svg.toString()).code()).isZero();
        assertThat(png).isNotEmptyFile();
        assertThat(dir.resolve("r-decode.png")).isNotEmptyFile();
        assertThat(svg).content().startsWith("<?xml").contains("<svg");
    }
}
