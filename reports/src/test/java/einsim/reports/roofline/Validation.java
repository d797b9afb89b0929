package einsim.reports.roofline;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the repository's copies of the shared references (validation/). */
final class Validation {
    private Validation() {}

    static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path v = p.resolve("validation");
            if (Files.isDirectory(v)) return v;
            p = p.getParent();
        }
        throw new IllegalStateException("no validation/ folder above " + Path.of("").toAbsolutePath());
    }

    static List<Map<String, String>> csv(String relative) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir().resolve(relative).toFile())) {
            return it.readAll();
        }
    }
}
