package einsim.schedule;

import java.util.List;

/**
 * A schedule: the order of ops and, per tensor, its residency runs (inclusive steps and the base address of each).
 * A tensor with k > 1 runs costs k · size (one write, k − 1 reads); a parameter's runs cost nothing.
 */
public record Plan(int[] order, List<List<Run>> runs) {
    public record Run(int start, int end, long address) {}
}
