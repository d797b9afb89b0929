package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of einsim lowbit (issue 9). */
class LowBitCliTest {
    @Test
    void jsonFieldsInCompatMode() throws IOException {
        CliTest.Run r = CliTest.run("lowbit", "--accelerator", "bitmod-lossy", "--model", "meta-llama/Llama-2-7b-hf", "--stage", "decode",
                "--context", "256", "--compat", "bitmod-sim", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("total_cycles").isIntegralNumber()).isTrue();
        assertThat(j.get("total_cycles").asLong()).isEqualTo(79_493_200L);
        assertThat(j.get("layers").get(0).has("compute_cycles")).isTrue();
        assertThat(j.get("layers").get(0).has("dram_cycles")).isTrue();
        assertThat(j.get("layers").get(0).get("name").asText()).isEqualTo("q_proj");
        assertThat(j.get("energy_pj").asDouble()).isPositive();
        for (String k : new String[]{"compute", "sram", "dram"}) assertThat(j.get("energy_breakdown_pj").get(k).asDouble()).as(k).isPositive();
    }

    @Test
    void compareAndBadInput() {
        CliTest.Run c = CliTest.run("lowbit", "compare", "--compat", "bitmod-sim");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("bitmod-lossy vs ant: 1.69x").contains("bitmod-lossy vs olive: 1.48x");
        CliTest.Run bad = CliTest.run("lowbit", "--accelerator", "bitmd", "--model", "facebook/opt-1.3b", "--stage", "decode");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown accelerator 'bitmd'").contains("bitmod-lossy");
        CliTest.Run noBits = CliTest.run("lowbit", "--accelerator", "olive", "--model", "gpt2", "--stage", "decode");
        assertThat(noBits.code()).isEqualTo(2);
        assertThat(noBits.err()).contains("--w-bit");
        CliTest.Run zero = CliTest.run("lowbit", "--accelerator", "fp16", "--model", "gpt2", "--stage", "decode", "--w-bit", "0");
        assertThat(zero.code()).isEqualTo(2);
        CliTest.Run stage = CliTest.run("lowbit", "--accelerator", "fp16", "--model", "gpt2", "--stage", "train");
        assertThat(stage.code()).isEqualTo(2);
        assertThat(stage.err()).contains("prefill or decode");
    }
}
