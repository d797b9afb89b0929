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

    @Test
    void simulateOnTheLutUnits() throws IOException {
        for (String arch : new String[]{"lut-tensor-core", "mac-tensor-core", "sail"}) {
            for (String fid : new String[]{"analytic", "cycle"}) {
                CliTest.Run r = CliTest.run("simulate", "--arch", arch, "--gemm", "64,256,512", "--w-bit", "2", "--a-type", "fp16",
                        "--fidelity", fid, "--format", "json");
                assertThat(r.code()).as(arch + " " + r.err()).isZero();
                JsonNode j = new ObjectMapper().readTree(r.out());
                assertThat(j.get("total_cycles").asLong()).as(arch).isPositive();
                assertThat(j.get("energy_pj").asDouble()).as(arch).isPositive();
                assertThat(j.get("area_um2").asDouble()).as(arch).isPositive();
                assertThat(j.get("fidelity").asText()).isEqualTo(fid);
                assertThat(j.get("assumptions").size()).isGreaterThan(5);
            }
        }
        // the bit-serial LUT array: twice the weight bits, twice the compute
        long c2 = cycles("simulate", "--arch", "lut-tensor-core", "--gemm", "4096,4096,4096", "--w-bit", "2", "--format", "json");
        long c4 = cycles("simulate", "--arch", "lut-tensor-core", "--gemm", "4096,4096,4096", "--w-bit", "4", "--format", "json");
        assertThat(c4).isBetween(2 * c2 - c2 / 20, 2 * c2 + c2 / 20);
        // half the units: 108 thread blocks of 128 x 512 take two waves instead of one
        long full = cycles("simulate", "--arch", "lut-tensor-core", "--gemm", "3456,2048,4096", "--w-bit", "2", "--format", "json");
        long u = cycles("simulate", "--arch", "lut-tensor-core", "--gemm", "3456,2048,4096", "--w-bit", "2", "--units", "216", "--format", "json");
        assertThat((double) u / full).isBetween(1.85, 2.0);   // the fill and the drain are paid once either way
        CliTest.Run noBits = CliTest.run("simulate", "--arch", "sail", "--gemm", "1,4096,4096");
        assertThat(noBits.code()).isEqualTo(2);
        assertThat(noBits.err()).contains("--w-bit");
        CliTest.Run badSkip = CliTest.run("simulate", "--arch", "sail", "--gemm", "1,4096,4096", "--w-bit", "4", "--pattern-skip", "1.5");
        assertThat(badSkip.code()).isEqualTo(2);
        assertThat(badSkip.err()).contains("--pattern-skip");
        CliTest.Run systolic = CliTest.run("simulate", "--arch", "tpu-v1", "--gemm", "8,8,8", "--w-bit", "4");
        assertThat(systolic.code()).isEqualTo(2);
        assertThat(systolic.err()).contains("LUT units only");
    }

    static java.nio.file.Path repo() {
        java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(p.resolve("examples/arch"))) p = p.getParent();
        return p;
    }

    private static long cycles(String... args) throws IOException {
        CliTest.Run r = CliTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).get("total_cycles").asLong();
    }

    @Test
    void lowbitOnSailAndTheLutGpu() throws IOException {
        CliTest.Run r = CliTest.run("lowbit", "--accelerator", "sail", "--model", "meta-llama/Llama-2-7b-hf", "--stage", "decode", "--batch", "16",
                "--w-bit", "4", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("tokens_per_s").asDouble()).isPositive();
        assertThat(j.get("tokens_per_dollar").asDouble()).isPositive();
        assertThat(j.get("baselines").get("cpu").get("speedup").asDouble()).isBetween(1.0, 10.7);
        assertThat(j.get("assumptions").get("pattern_skip_used").asText()).contains("measured");
        CliTest.Run g = CliTest.run("lowbit", "--accelerator", "lut-tensor-core", "--model", "meta-llama/Llama-2-7b-hf", "--stage", "prefill",
                "--context", "128", "--w-bit", "2", "--format", "json");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(new ObjectMapper().readTree(g.out()).get("tokens_per_s").asDouble()).isPositive();
        java.nio.file.Path acts = java.nio.file.Files.createTempFile("acts", ".csv");
        java.nio.file.Files.writeString(acts, "# two identical tokens\n1, -0.5, 0.25, 0.75\n1, -0.5, 0.25, 0.75\n");
        CliTest.Run real = CliTest.run("simulate", "--arch", "sail", "--gemm", "2,64,4", "--w-bit", "4", "--activations", acts.toString(), "--format", "json");
        assertThat(real.code()).as(real.err()).isZero();
        // the second token repeats the first: at least half the lookups are skipped
        assertThat(new ObjectMapper().readTree(real.out()).get("pattern_skip").asDouble()).isGreaterThanOrEqualTo(0.5);
        java.nio.file.Files.writeString(acts, "1, 2\n3\n");
        CliTest.Run ragged = CliTest.run("simulate", "--arch", "sail", "--gemm", "2,64,4", "--w-bit", "4", "--activations", acts.toString());
        assertThat(ragged.code()).isEqualTo(2);
        assertThat(ragged.err()).contains(":2:").contains("the first token has 2");
        CliTest.Run frac = CliTest.run("lowbit", "--accelerator", "sail", "--model", "meta-llama/Llama-2-7b-hf", "--stage", "decode", "--w-bit", "3.5");
        assertThat(frac.code()).isEqualTo(2);
        assertThat(frac.err()).contains("whole number");
    }

    @Test
    void reports() throws IOException {
        CliTest.Run r = CliTest.run("lut", "report", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (JsonNode d : j.get("dse")) assertThat(d.get("optimum_k").asInt()).isEqualTo(4);
        assertThat(j.get("paper").get("table1").size()).isEqualTo(7);
        CliTest.Run s = CliTest.run("lut", "sail", "--w-bit", "4", "--batch", "1,16", "--format", "json");
        assertThat(s.code()).as(s.err()).isZero();
        JsonNode h = new ObjectMapper().readTree(s.out()).get("headline");
        assertThat(h.get("within_paper_maxima").asBoolean()).isTrue();
        for (String yaml : new String[]{"examples/arch/sail-altra.yaml", "examples/arch/lut-a100-4x.yaml"}) {
            CliTest.Run e = CliTest.run("simulate", "--arch", repo().resolve(yaml).toString(), "--gemm", "16,4096,4096", "--w-bit", "2");
            assertThat(e.code()).as(yaml + " " + e.err()).isZero();
        }
    }
}
