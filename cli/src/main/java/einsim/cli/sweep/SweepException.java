package einsim.cli.sweep;

/** A sweep file or store that cannot be used: exit code 2, with the file, the field, the rule and a hint. */
public class SweepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepException(String rule, String hint) {
        super(rule + (hint == null ? "" : "\nMaybe " + hint));
    }
}
