package einsim.schedule;

/** What a solve returned: status, objective (bytes), best bound, relative gap and wall seconds. */
public record SolveStats(String status, long objective, long bound, double gap, double seconds) {}
