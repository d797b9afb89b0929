package einsim.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executes every notebook in notebooks/ headless on the einsim kernel (JShell over the test class path). Skipped,
 * with a message, when Jupyter's nbconvert is not installed (.ci/run installs it from the OS packages).
 */
class NotebookTest {
    static boolean hasJupyter() {
        try {
            Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void everyNotebookExecutesWithoutAnError(@TempDir Path dir) throws Exception {
        boolean jupyter = hasJupyter();
        if (!jupyter) System.err.println("NotebookTest: Jupyter (jupyter nbconvert) is not installed: notebooks skipped");
        Assumptions.assumeTrue(jupyter, "Jupyter is not installed: notebooks skipped");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path kernels = dir.resolve("jupyter/kernels");
        CliTest.Run install = CliTest.run("notebook", "install", "--dir", kernels.toString(), "--class-path", cp);
        assertThat(install.code()).as(install.err()).isZero();
        Path nbDir = SweepTest.repo().resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(nbDir)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
        assertThat(notebooks).hasSizeGreaterThanOrEqualTo(3);
        Path out = dir.resolve("out");
        for (Path nb : notebooks) {
            List<String> cmd = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--output-dir", out.toString(), "--ExecutePreprocessor.kernel_name=einsim",
                    "--ExecutePreprocessor.timeout=600", nb.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(nbDir.toFile()).redirectErrorStream(true);
            pb.environment().put("JUPYTER_PATH", dir.resolve("jupyter").toString());
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(nb.getFileName() + ":\n" + log).isZero();
            String executed = Files.readString(out.resolve(nb.getFileName()));
            assertThat(executed).as(nb.getFileName().toString()).doesNotContain("\"output_type\": \"error\"");
        }
        assertThat(Files.readString(out.resolve("01-roofline.ipynb"))).contains("image/png");
    }
}
