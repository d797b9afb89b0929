package einsim.workloads.llm;

/** A model config or workload option that cannot be used; the message names the file or field, the rule and a hint. */
public class WorkloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkloadException(String rule, String hint) {
        super(rule + (hint == null || hint.isEmpty() ? "" : "\nMaybe " + hint));
    }
}
