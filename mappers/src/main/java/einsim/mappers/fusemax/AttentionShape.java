package einsim.mappers.fusemax;

import java.util.Locale;
import java.util.Map;

/**
 * One encoder layer's attention and linear-layer dimensions. The four models of FuseMax's evaluation, with the
 * dimensions of the FuseMax artifact's flat_validation.csv (FuseMax brief §9).
 *
 * @param dModel hidden size; @param heads attention heads; @param e query/key head size E; @param f value head size F;
 * @param ffn feed-forward size S
 */
public record AttentionShape(String name, long dModel, long heads, long e, long f, long ffn) {
    public AttentionShape {
        if (dModel < 1 || heads < 1 || e < 1 || f < 1 || ffn < 1) throw new IllegalArgumentException(name + ": every dimension must be positive");
    }

    private static final Map<String, AttentionShape> PRESETS = Map.of(
            "bert", new AttentionShape("BERT-Base", 768, 12, 64, 64, 3072),
            "trxl", new AttentionShape("TrXL-wt103", 1024, 16, 64, 64, 4096),
            "t5", new AttentionShape("T5-small", 512, 8, 64, 64, 2048),
            "xlm", new AttentionShape("XLM", 2048, 16, 128, 128, 8192));

    /** bert, trxl, t5 or xlm (case-insensitive); null if not a preset. */
    public static AttentionShape preset(String id) {
        return PRESETS.get(id.toLowerCase(Locale.ROOT));
    }

    public static java.util.Set<String> presetIds() { return new java.util.TreeSet<>(PRESETS.keySet()); }
}
