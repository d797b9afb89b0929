package einsim.arch.device;

/**
 * Where a number came from: a source (datasheet, paper section, repo@commit path), how it was obtained, and a note.
 */
public record Provenance(Kind kind, String source, String note) {
    /** How a number was obtained. */
    public enum Kind {
        /** Printed by its vendor or authors. */
        PUBLISHED,
        /** Measured on real hardware. */
        MEASURED,
        /** Our estimate from published facts (the note says how). */
        ESTIMATED,
        /** Computed from published numbers by a stated rule. */
        DERIVED
    }

    @Override
    public String toString() {
        return kind + ": " + source + (note == null || note.isEmpty() ? "" : " (" + note + ")");
    }
}
