package einsim.reports.roofline;

/** What to analyse: one prefill step, one decode step, or a prompt followed by generated tokens. */
public enum Stage { PREFILL, DECODE, GENERATE }
