package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of einsim lut check (issue 10). */
class LutCliTest {
    @Test
    void exactForIntegersBoundedOtherwise() throws IOException {
        CliTest.Run r = CliTest.run("lut", "check", "--m", "2", "--n", "64", "--k", "16", "--w-bit", "2", "--a-type", "int8", "--seed", "1",
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("exact").asBoolean()).isTrue();
        assertThat(j.get("max_abs_error").asDouble()).isZero();
        assertThat(j.get("bound").asDouble()).isZero();
        CliTest.Run f = CliTest.run("lut", "check", "--m", "3", "--n", "17", "--k", "37", "--w-bit", "4", "--a-type", "fp16", "--format", "json");
        assertThat(f.code()).as(f.err()).isZero();
        JsonNode g = new ObjectMapper().readTree(f.out());
        assertThat(g.get("max_abs_error").asDouble()).isLessThanOrEqualTo(g.get("bound").asDouble());
        assertThat(g.get("bound").asDouble()).isPositive();
        CliTest.Run bad = CliTest.run("lut", "check", "--m", "2", "--n", "64", "--k", "16", "--w-bit", "2", "--a-type", "bf16");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--a-type bf16");
    }
}
