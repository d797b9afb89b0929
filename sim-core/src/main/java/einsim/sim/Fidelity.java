package einsim.sim;

/** Which rung of the fidelity ladder produced a number. */
public enum Fidelity { ROOFLINE, ANALYTIC, CYCLE }
