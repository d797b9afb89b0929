package einsim.cascade;

import java.util.List;

/** {@code rank M = M1 * M0}: rank M tiled into parts, outermost first, so m = m1·M0 + m0. */
public record RankSplit(String rank, List<String> parts, List<String> comments, String trailing, Span span) {
    public RankSplit {
        parts = List.copyOf(parts);
        comments = List.copyOf(comments);
    }
}
