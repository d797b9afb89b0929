package einsim.workloads.llm;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bundled model configs by Hugging Face id (the published {@code config.json} numbers; see
 * {@code einsim/models/README-model-configs.md}), and configs read from a path.
 */
public final class ModelZoo {
    /** Every bundled id. */
    public static final List<String> IDS = List.of("meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-13b-hf",
            "meta-llama/Llama-2-70b-hf", "meta-llama/Meta-Llama-3-8B", "huggyllama/llama-7b", "01-ai/Yi-6B",
            "mistralai/Mistral-7B-v0.1", "mistralai/Mixtral-8x7B-v0.1", "Qwen/Qwen2.5-7B", "facebook/opt-1.3b",
            "facebook/opt-6.7b", "microsoft/phi-2", "gpt2", "bert-base-uncased", "google-t5/t5-base");
    private static final Map<String, ModelConfig> CACHE = new ConcurrentHashMap<>();

    private ModelZoo() {}

    /** A bundled id, or a path to a {@code config.json} (or to a folder holding one). */
    public static ModelConfig resolve(String idOrPath) {
        ModelConfig cached = CACHE.get(idOrPath);
        if (cached != null) return cached;
        ModelConfig c;
        if (IDS.contains(idOrPath)) {
            c = ModelConfigReader.read(idOrPath, idOrPath + " (bundled)", bundledText(idOrPath));
        } else {
            Path p = Path.of(idOrPath);
            if (Files.isDirectory(p)) p = p.resolve("config.json");
            if (!Files.isRegularFile(p)) {
                String near = closest(idOrPath);
                throw new WorkloadException("unknown model '" + idOrPath + "' (neither a bundled id nor a config.json)",
                        (near != null ? "you meant " + near + "? " : "") + "Bundled: " + String.join(", ", IDS));
            }
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new WorkloadException("cannot read " + p + ": " + e.getMessage(), "check the path");
            }
            String id = p.getParent() == null ? p.toString() : p.getParent().getFileName().toString();
            return ModelConfigReader.read(id, p.toString(), text); // files may change: not cached
        }
        CACHE.put(idOrPath, c);
        return c;
    }

    private static String bundledText(String id) {
        try (InputStream in = ModelZoo.class.getResourceAsStream("/einsim/models/" + id + "/config.json")) {
            if (in == null) throw new IllegalStateException("bundled config " + id + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String closest(String id) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        List<String> c = new ArrayList<>(IDS);
        c.sort(Comparator.comparingInt((String x) -> d.apply(x.toLowerCase(), id.toLowerCase())));
        String best = c.get(0);
        return d.apply(best.toLowerCase(), id.toLowerCase()) <= Math.max(3, id.length() / 3) ? best : null;
    }
}
