package einsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's golden cases hold, and drift is reported, written beside the case and accepted with --update. */
class RegressTest {
    static Path golden() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("golden"))) p = p.getParent();
        return p.resolve("golden");
    }

    @Test
    void theProjectsGoldenCasesHold() {
        CliTest.Run r = CliTest.run("regress", golden().toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("no drift");
    }

    @Test
    void driftIsReportedThenAcceptedWithUpdate(@TempDir Path dir) throws IOException {
        Path src = golden().resolve("roofline-llama2-7b-a100-decode-compat.json");
        ObjectMapper m = new ObjectMapper();
        ObjectNode g = (ObjectNode) m.readTree(src.toFile());
        double want = g.get("expected").get("total").get("time_s").asDouble();
        ((ObjectNode) g.get("expected").get("total")).put("time_s", want * 1.01);
        Path c = dir.resolve("case.json");
        Files.writeString(c, m.writeValueAsString(g));
        CliTest.Run drift = CliTest.run("regress", dir.toString());
        assertThat(drift.code()).isEqualTo(1);
        assertThat(drift.out()).contains("total.time_s").contains("-0.990%").contains("1 of 1 cases drifted");
        assertThat(dir.resolve("case.actual.json")).exists();
        assertThat(CliTest.run("regress", dir.toString(), "--update").code()).isZero();
        assertThat(m.readTree(c.toFile()).get("expected").get("total").get("time_s").asDouble()).isEqualTo(want);
        assertThat(CliTest.run("regress", dir.toString()).code()).isZero();
        assertThat(dir.resolve("case.actual.json")).doesNotExist();
    }
}
