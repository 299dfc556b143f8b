package io.wanlab.core.flow;

/**
 * A snapshot of a flow table's counters, for status output.
 *
 * @param size        live flows
 * @param capacity    the hard limit on live flows
 * @param inserts     flows created since construction
 * @param removes     flows removed by the caller ({@link FlowTable#remove})
 * @param evictions   flows dropped to make room, by kind at the time of eviction
 * @param expirations flows dropped for idleness, by kind at the time of expiry
 * @param memoryBytes bytes held by the table's arrays, allocated once at construction
 */
public record FlowTableStats(
        int size,
        int capacity,
        long inserts,
        long removes,
        FlowKindCounts evictions,
        FlowKindCounts expirations,
        long memoryBytes) {
}
