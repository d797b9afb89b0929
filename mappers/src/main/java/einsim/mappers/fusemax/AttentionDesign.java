package einsim.mappers.fusemax;

import java.util.Locale;

/** The five attention designs of FuseMax's evaluation (FuseMax brief §8): baselines and FuseMax (= +Binding). */
public enum AttentionDesign {
    UNFUSED("unfused"), FLAT("flat"), PLUS_CASCADE("plus-cascade"), PLUS_ARCHITECTURE("plus-architecture"), FUSEMAX("fusemax");

    private final String id;

    AttentionDesign(String id) { this.id = id; }

    public String id() { return id; }

    /** Case-insensitive; '-' and '_' are the same ({@code plus_cascade} as in the shared CSV); "binding" = FuseMax. */
    public static AttentionDesign parse(String s) {
        String k = s.toLowerCase(Locale.ROOT).replace('_', '-');
        if (k.equals("binding") || k.equals("plus-binding")) return FUSEMAX;
        for (AttentionDesign d : values()) if (d.id.equals(k)) return d;
        throw new IllegalArgumentException("unknown design '" + s + "' (use fusemax, flat, unfused, plus-cascade or plus-architecture)");
    }
}
