package einsim.arch.compute.systolic.scalesim;

/** A SCALE-Sim config or topology file that cannot be read; the message names file:line, the rule and a hint. */
public class ScaleSimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScaleSimException(String where, String rule, String hint) {
        super(where + ": " + rule + (hint == null ? "" : "\nMaybe " + hint));
    }
}
