package einsim.arch.device;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** Field checks shared by the YAML readers of architectures and devices. */
public final class YamlFields {
    private YamlFields() {}

    /**
     * Rejects the first field of {@code n} not in {@code fields}, naming the nearest known one.
     *
     * @param error builds the exception from (rule, hint)
     */
    public static void checkKnown(String where, JsonNode n, Set<String> fields, BiFunction<String, String, ? extends RuntimeException> error) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
                String near = fields.stream().min(Comparator.comparingInt(x -> d.apply(x, f))).orElse("");
                throw error.apply(where + ": unknown field '" + f + "'", "you meant " + near + "? Fields: " + String.join(", ", new TreeSet<>(fields)));
            }
        }
    }
}
