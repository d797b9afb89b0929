package einsim.mappers.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * A mapspace search behind an ask/tell interface: the driver asks for points, evaluates them (on any thread) and
 * tells the objective back. A strategy's whole state is JSON, so an interrupted search resumes where it stopped.
 * Calls are not concurrent: the driver serialises them.
 */
public interface SearchStrategy {
    String name();

    /** Up to n points (see {@link Mapspace#decode}); an empty list when the strategy has nothing left to try. */
    List<int[]> ask(int n);

    /** The objective of an asked point (+∞ if invalid). */
    void tell(int[] point, double objective);

    ObjectNode state();

    void restore(JsonNode state);

    /** exhaustive, random or anneal. */
    static SearchStrategy create(String name, Mapspace space, Objective objective, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "exhaustive" -> new ExhaustiveSearch(space, objective);
            case "random" -> new RandomSearch(space, seed);
            case "anneal" -> new AnnealSearch(space, seed);
            default -> throw new MapperException("unknown strategy '" + name + "'", "use exhaustive, random or anneal");
        };
    }
}
