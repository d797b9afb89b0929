package einsim.cascade;

import java.util.List;

/** {@code until m1 >= M1}: the stopping condition of an iterative rank (FuseMax §II-C4, the ⋄ line). */
public record StopCondition(String var, RelOp op, Affine bound, List<String> comments, String trailing, Span span) {
    public StopCondition {
        comments = List.copyOf(comments);
    }
}
