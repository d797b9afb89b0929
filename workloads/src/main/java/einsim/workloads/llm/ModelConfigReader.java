package einsim.workloads.llm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads a Hugging Face {@code config.json}: each family's own keys ({@code n_embd} for GPT-2, {@code ffn_dim} for
 * OPT, {@code d_model} for T5), with the library's defaults where a key may be absent. A missing needed key is an
 * error that names it.
 */
public final class ModelConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelConfigReader() {}

    public static ModelConfig read(String id, String source, String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new WorkloadException(source + ": not valid JSON: " + e.getOriginalMessage(), "check the file");
        }
        if (n == null || !n.isObject()) throw new WorkloadException(source + ": a config.json is a JSON object", null);
        String type = n.path("model_type").asText("");
        Family f = Family.of(type);
        if (f == null) {
            throw new WorkloadException(source + ": model_type '" + type + "' is not supported",
                    "supported model types: " + Arrays.stream(Family.values()).map(Family::modelType)
                            .collect(Collectors.joining(", ")));
        }
        Fields x = new Fields(source, n, type);
        switch (f) {
            case LLAMA: case MISTRAL: case MIXTRAL: case QWEN2: {
                long h = x.need("hidden_size");
                long heads = x.need("num_attention_heads");
                long kv = x.opt("num_key_value_heads", heads);
                long d = x.opt("head_dim", h / heads);
                long experts = f == Family.MIXTRAL ? x.need("num_local_experts") : 0;
                long topk = f == Family.MIXTRAL ? x.need("num_experts_per_tok") : 0;
                return new ModelConfig(id, f, h, heads, kv, d, x.need("intermediate_size"), x.need("num_hidden_layers"),
                        x.need("vocab_size"), x.opt("max_position_embeddings", 0), n.path("hidden_act").asText("silu"),
                        true, false, false, f == Family.QWEN2, n.path("tie_word_embeddings").asBoolean(false), experts,
                        topk, false, false);
            }
            case OPT: {
                long h = x.need("hidden_size");
                long heads = x.need("num_attention_heads");
                return new ModelConfig(id, f, h, heads, heads, h / heads, x.need("ffn_dim"), x.need("num_hidden_layers"),
                        x.need("vocab_size"), x.opt("max_position_embeddings", 0),
                        n.path("activation_function").asText("relu"), false, true, n.path("enable_bias").asBoolean(true),
                        false, n.path("tie_word_embeddings").asBoolean(true), 0, 0, false, false);
            }
            case GPT2: {
                long h = x.need("n_embd");
                long heads = x.need("n_head");
                long inner = n.hasNonNull("n_inner") ? x.need("n_inner") : 4 * h;
                return new ModelConfig(id, f, h, heads, heads, h / heads, inner, x.need("n_layer"), x.need("vocab_size"),
                        x.opt("n_positions", 1024), n.path("activation_function").asText("gelu_new"), false, true, true,
                        false, true, 0, 0, false, false);
            }
            case PHI: {
                long h = x.need("hidden_size");
                long heads = x.need("num_attention_heads");
                long kv = x.opt("num_key_value_heads", heads);
                return new ModelConfig(id, f, h, heads, kv, h / heads, x.need("intermediate_size"),
                        x.need("num_hidden_layers"), x.need("vocab_size"), x.opt("max_position_embeddings", 0),
                        n.path("hidden_act").asText("gelu_new"), false, true, true, false,
                        n.path("tie_word_embeddings").asBoolean(false), 0, 0, false, true);
            }
            case BERT: {
                long h = x.need("hidden_size");
                long heads = x.need("num_attention_heads");
                return new ModelConfig(id, f, h, heads, heads, h / heads, x.need("intermediate_size"),
                        x.need("num_hidden_layers"), x.need("vocab_size"), x.opt("max_position_embeddings", 512),
                        n.path("hidden_act").asText("gelu"), false, true, true, false, true, 0, 0, true, false);
            }
            case T5: {
                long h = x.need("d_model");
                long heads = x.need("num_heads");
                String ff = n.path("feed_forward_proj").asText("relu");
                boolean gated = ff.startsWith("gated-");
                return new ModelConfig(id, f, h, heads, heads, x.need("d_kv"), x.need("d_ff"), x.need("num_layers"),
                        x.need("vocab_size"), x.opt("n_positions", 512), gated ? ff.substring(6) : ff, gated, false, false,
                        false, n.path("tie_word_embeddings").asBoolean(true), 0, 0, true, false);
            }
            default:
                throw new IllegalStateException(f.name());
        }
    }

    /** Field access that names a missing or bad key. */
    private static final class Fields {
        private final String source;
        private final JsonNode n;
        private final String type;

        Fields(String source, JsonNode n, String type) {
            this.source = source;
            this.n = n;
            this.type = type;
        }

        long need(String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                throw new WorkloadException(source + ": field '" + key + "' is missing; a " + type
                        + " model needs it", "copy it from the model's published config.json");
            }
            return check(key, v);
        }

        long opt(String key, long dflt) {
            JsonNode v = n.get(key);
            return v == null || v.isNull() ? dflt : check(key, v);
        }

        private long check(String key, JsonNode v) {
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
                throw new WorkloadException(source + ": field '" + key + "' = " + v + ": must be a positive whole number",
                        "fix the value in the config.json");
            }
            return v.asLong();
        }
    }
}
