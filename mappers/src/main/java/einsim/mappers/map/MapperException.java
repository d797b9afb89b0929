package einsim.mappers.map;

/** Bad mapper input (architecture, mapping, constraint): the rule broken, then "Maybe" and a hint. */
public class MapperException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MapperException(String rule, String hint) {
        super(rule + (hint == null || hint.isEmpty() ? "" : "\nMaybe " + hint));
    }
}
