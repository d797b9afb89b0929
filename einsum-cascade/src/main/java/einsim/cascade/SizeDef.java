package einsim.cascade;

import java.util.List;

/**
 * {@code size U = 2}: a default size for a name used in index expressions or values; {@code --ranks} overrides
 * it. The expression may use other sizes ({@code size H = (P - 1) * U + R}).
 */
public record SizeDef(String name, Affine value, List<String> comments, String trailing, Span span) {
    public SizeDef {
        comments = List.copyOf(comments);
    }
}
