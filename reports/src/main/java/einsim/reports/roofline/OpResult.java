package einsim.reports.roofline;

import einsim.workloads.llm.LlmOp;

/**
 * One operator on the roofline: its bytes, arithmetic intensity (OP/B), attained performance (OP/s), bound and
 * time, for one block ({@code op.repeat()} says how often it counts in the total).
 *
 * @param bound "memory", "compute" or "communication"
 */
public record OpResult(LlmOp op, double memoryAccessBytes, double arithmeticIntensity, double performanceOpsPerS,
                       String bound, double timeS, double peakOpsPerS) {}
