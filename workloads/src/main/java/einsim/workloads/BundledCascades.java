package einsim.workloads;

import einsim.cascade.Cascade;
import einsim.cascade.CascadeException;
import einsim.cascade.parse.CascadeParser;
import einsim.cascade.teaal.TeaalReader;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cascades that ship with einsim, by name: FuseMax's Cascades 1-3, the 3-, 2- and 1-pass attention cascades
 * with and without division deferral, GEMM, GEMV, strided 2-D convolution and batched GQA attention.
 */
public final class BundledCascades {
    /** Every bundled name, in the order {@code einsim cascade list} shows them. */
    public static final List<String> NAMES = List.of("cascade1", "cascade2", "cascade3", "attention-3pass",
            "attention-3pass-deferred", "attention-2pass", "attention-2pass-deferred", "attention-1pass",
            "attention-1pass-nodefer", "gemm", "gemv", "conv2d", "mha-gqa");

    /** The attention cascades the default job analyses. */
    public static final List<String> ATTENTION = List.of("attention-3pass", "attention-3pass-deferred",
            "attention-2pass", "attention-2pass-deferred", "attention-1pass", "attention-1pass-nodefer");

    private BundledCascades() {}

    /** The source text of a bundled cascade. */
    public static String text(String name) {
        if (!NAMES.contains(name)) throw unknown(name);
        try (InputStream in = BundledCascades.class.getResourceAsStream("/einsim/cascades/" + name + ".ein")) {
            if (in == null) throw new IllegalStateException("bundled cascade " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a bundled cascade. */
    public static Cascade load(String name) {
        return CascadeParser.parse(name + ".ein", text(name));
    }

    /**
     * Loads a cascade from a path ({@code .ein}, or a TeAAL {@code .yaml}/{@code .yml}) or, when no such file
     * exists, by bundled name.
     */
    public static Cascade resolve(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                throw new CascadeException(nameOrPath + " is not UTF-8 text", "save it as UTF-8");
            } catch (IOException e) {
                throw new CascadeException("cannot read " + nameOrPath + ": " + e.getMessage(), "check the file's permissions");
            }
            String lower = nameOrPath.toLowerCase();
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return TeaalReader.read(nameOrPath, text);
            return CascadeParser.parse(nameOrPath, text);
        }
        if (NAMES.contains(nameOrPath)) return load(nameOrPath);
        if (Files.isDirectory(p)) {
            throw new CascadeException("'" + nameOrPath + "' is a directory, not a cascade file",
                    "give a .ein file or a TeAAL .yaml inside it");
        }
        throw unknown(nameOrPath);
    }

    private static CascadeException unknown(String name) {
        String closest = closest(name);
        return new CascadeException("'" + name + "' is neither a file nor a bundled cascade",
                (closest != null ? "you meant " + closest + "? " : "give the path of a .ein or TeAAL .yaml file, or a "
                        + "bundled name. ") + "Bundled cascades: " + String.join(", ", NAMES));
    }

    /** The bundled name closest to {@code name} by edit distance, or null when none is close. */
    static String closest(String name) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        List<String> c = new ArrayList<>(NAMES);
        c.sort(Comparator.comparingInt(n -> d.apply(n, name)));
        String best = c.get(0);
        return d.apply(best, name) <= Math.max(2, name.length() / 3) ? best : null;
    }
}
