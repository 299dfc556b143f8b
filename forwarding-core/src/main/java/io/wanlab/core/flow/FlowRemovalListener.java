package io.wanlab.core.flow;

/**
 * Told when the table drops a flow on its own (expiry or eviction, not {@link FlowTable#remove}),
 * before the slot is cleared, so the flow's counters and id are still readable. Runs on the
 * table's event loop; it must not insert into or remove from the table.
 */
@FunctionalInterface
public interface FlowRemovalListener {
    void onRemoved(FlowTable table, int slot, FlowKind kind, RemovalCause cause);
}
