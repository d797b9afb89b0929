package einsim.cascade;

import java.util.List;

/** {@code tensor Q[E, P] bits 16}: a tensor's ranks (outermost first) and element width in bits. */
public record TensorDecl(String name, List<String> ranks, int bits, List<String> comments, String trailing, Span span) {
    /** Element width when a declaration gives none. */
    public static final int DEFAULT_BITS = 16;

    public TensorDecl {
        ranks = List.copyOf(ranks);
        comments = List.copyOf(comments);
    }
}
