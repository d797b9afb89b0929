package einsim.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cascade of extended Einsums (FuseMax §II-C5): declarations, Initialization Einsums that run once, and
 * Einsums that run on every iteration of the iterative ranks (or once when there are none).
 *
 * <p>A cascade is a value: equal cascades print equally, and {@code parse(print(c)).equals(c)}.
 */
public record Cascade(String name, List<String> comments, List<TensorDecl> tensors, List<RankSplit> splits,
                      List<SizeDef> sizes, List<Einsum> init, List<Einsum> body, List<StopCondition> stops,
                      List<String> trailingComments) {
    public Cascade {
        comments = List.copyOf(comments);
        tensors = List.copyOf(tensors);
        splits = List.copyOf(splits);
        sizes = List.copyOf(sizes);
        init = List.copyOf(init);
        body = List.copyOf(body);
        stops = List.copyOf(stops);
        trailingComments = List.copyOf(trailingComments);
    }

    /** Every Einsum in program order: Initialization first. */
    public List<Einsum> einsums() {
        List<Einsum> all = new ArrayList<>(init);
        all.addAll(body);
        return all;
    }

    public Optional<TensorDecl> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Cascade withName(String newName) {
        return new Cascade(newName, comments, tensors, splits, sizes, init, body, stops, trailingComments);
    }
}
