package einsim.mappers;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's validation/ folder, found from the working directory of the test run. */
public final class TestFiles {
    private TestFiles() {}

    public static Path validation() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("validation"))) p = p.getParent();
        return p.resolve("validation");
    }
}
