package einsim.cascade.analysis;

import java.util.List;
import java.util.Map;

/**
 * What a cascade costs at given sizes: per Einsum its iteration space and operations, per tensor its size, the
 * producer/consumer graph, and the passes over each rank. Counts are {@code long}: a 1M-token attention with batch
 * 64 stays exact.
 *
 * @param passes     passes over each untiled rank that some Einsum walks (a rank tiled into M1, M0 reports under M)
 * @param tilePasses passes over each part of a tiled rank, alone (M1, M0)
 * @param totalOps   operations of the whole cascade by kind
 */
public record Analysis(String cascade, Map<String, Long> sizes, List<EinsumStats> einsums, List<TensorStats> tensors,
                       Map<String, Integer> passes, Map<String, Integer> tilePasses, Map<String, Long> totalOps,
                       List<Edge> graph) {

    /**
     * One Einsum.
     *
     * @param iterationPoints points of its iteration space (after filters)
     * @param ops             operations by kind: {@code mac} (one per point of a multiply-reduce), {@code mul},
     *                        {@code add}, {@code sub}, {@code max}, {@code exp} (sub-then-exp is one), {@code div}, ...
     */
    public record EinsumStats(String name, String section, String text, List<String> indices, List<String> reduced,
                              long iterationPoints, Map<String, Long> ops, List<String> reads) {}

    /**
     * One tensor.
     *
     * @param role     {@code input} (never produced), {@code intermediate}, or {@code output} (never read)
     * @param extents  elements along each rank; an iterative rank holds its iterates
     * @param bytes    elements × bits / 8, rounded up
     */
    public record TensorStats(String name, String role, List<String> ranks, List<Long> extents, int bits, long elements,
                              long bytes, List<String> producers, List<String> consumers) {}

    /** {@code from} produces {@code tensor}, which {@code to} reads. */
    public record Edge(String from, String to, String tensor) {}
}
