package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of issue 3: names, options, JSON fields and exit codes. */
class CliTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static final String RANKS = "M=1024,P=1024,E=64,F=64,M0=256,M1=4";

    @Test
    void defaultJobAnalysesTheAttentionCascades() {
        Run r = run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("attention-3pass ").contains("attention-1pass ").contains("134,217,728");
    }

    @Test
    void analyzeJsonHasTheContractFields() throws IOException {
        Run r = run("cascade", "analyze", "attention-1pass", "--ranks", RANKS, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode js = new ObjectMapper().readTree(r.out());
        assertThat(js.get("passes").get("M").asInt()).isEqualTo(1);
        JsonNode bqk = js.get("einsums").get(5);
        assertThat(bqk.get("name").asText()).isEqualTo("BQK");
        assertThat(bqk.get("iteration_points").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(bqk.get("ops").get("mac").asLong()).isEqualTo(64L * 1024 * 1024);
        JsonNode q = js.get("tensors").get(0);
        assertThat(q.get("name").asText()).isEqualTo("Q");
        assertThat(q.get("elements").asLong()).isEqualTo(64L * 1024);
        assertThat(q.get("bytes").asLong()).isEqualTo(2L * 64 * 1024);
        for (String c : new String[]{"attention-3pass", "attention-2pass"}) {
            JsonNode a = new ObjectMapper().readTree(run("cascade", "analyze", c, "--ranks", RANKS, "--format", "json").out());
            assertThat(a.get("passes").get("M").asInt()).isEqualTo(c.equals("attention-3pass") ? 3 : 2);
        }
    }

    @Test
    void analyzeTextAndPrintAndList() {
        Run a = run("cascade", "analyze", "gemm", "--ranks", "K=8,M=4,N=2");
        assertThat(a.code()).isZero();
        assertThat(a.out()).contains("64 mac").contains("passes: K=1 M=1 N=1");
        Run p = run("cascade", "print", "attention-1pass");
        assertThat(p.code()).isZero();
        assertThat(p.out()).startsWith("# 1-pass attention").contains("until m1 >= M1");
        Run l = run("cascade", "list");
        assertThat(l.out()).contains("mha-gqa").contains("conv2d");
    }

    @Test
    void checkEqualAndDifferentCascades(@TempDir Path dir) throws IOException {
        Run same = run("cascade", "check", "attention-3pass", "attention-1pass", "--ranks", "M=64,P=40,E=8,F=8,M0=16,M1=4");
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("EQUAL");
        Path wrong = dir.resolve("wrong.ein");
        // forgets the max-subtraction's correction: the numerator uses the local max
        Files.writeString(wrong, """
                tensor Q[E, P]
                tensor K[E, M]
                tensor V[F, M]
                QK[m, p] = Q[e, p] * K[e, m]
                SN[m, p] = exp(QK[m, p])
                SD[p] = SN[m, p]
                AV[f, p] = SN[m, p] * V[f, m]
                """);
        Run diff = run("cascade", "check", "attention-3pass", wrong.toString(), "--ranks", "M=16,P=4,E=4,F=4", "--format", "json");
        assertThat(diff.code()).isEqualTo(1);
        JsonNode js = new ObjectMapper().readTree(diff.out());
        assertThat(js.get("equal").asBoolean()).isFalse();
        assertThat(js.get("max_abs_diff").asDouble()).isPositive();
    }

    @Test
    void badInputExitsTwoWithoutStackTrace(@TempDir Path dir) throws IOException {
        Run unknown = run("cascade", "analyze", "attention-1pas", "--ranks", RANKS);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("you meant attention-1pass").doesNotContain("\tat ");
        Path bad = dir.resolve("bad.ein");
        Files.writeString(bad, "tensor A[K]\nZ[] = A[k] *\n");
        Run syntax = run("cascade", "analyze", bad.toString(), "--ranks", "K=4");
        assertThat(syntax.code()).isEqualTo(2);
        assertThat(syntax.err()).contains("bad.ein:2:13: expected a value").contains("^").contains("Maybe")
                .doesNotContain("\tat ");
        Run missing = run("cascade", "analyze", "gemm", "--ranks", "K=4,M=4");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("needs a size for rank N");
        Run disagree = run("cascade", "analyze", "attention-1pass", "--ranks", "M=1024,P=1,E=1,F=1,M0=256,M1=5");
        assertThat(disagree.code()).isEqualTo(2);
        assertThat(disagree.err()).contains("sizes disagree");
        Run badRanks = run("cascade", "analyze", "gemm", "--ranks", "K=-4");
        assertThat(badRanks.code()).isEqualTo(2);
        Run badOption = run("cascade", "analyze", "gemm", "--rank", "K=4");
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.err()).contains("--ranks");
    }

    @Test
    void unknownCommandExitsTwoEvenWithHelp() {
        Run r = run("cascde", "--help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'cascde'").contains("you meant cascade?");
    }

    @Test
    void runWithGivenInputsWritesTensors(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"A\": {\"ranks\": [\"K\", \"M\"], \"data\": [[1, 2], [3, 4]]}, \"B\": [[1, 0], [0, 1]]}");
        Run r = run("cascade", "run", "gemm", "--ranks", "K=2,M=2,N=2", "--inputs", in.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode z = new ObjectMapper().readTree(r.out()).get("Z");
        assertThat(z.get("data").toString()).isEqualTo("[[1.0,3.0],[2.0,4.0]]"); // Z = A^T B
        Files.writeString(in, "{\"A\": [[1, 2, 3]]}");
        Run bad = run("cascade", "run", "gemm", "--ranks", "K=2,M=2,N=2", "--inputs", in.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("A has shape [1, 3] but the cascade needs [2, 2]");
    }
}
