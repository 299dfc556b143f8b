package io.wanlab.core.flow;

import java.util.ArrayList;
import java.util.List;

/** Records every removal the table reports, with the flow's id and initiator port read at that moment. */
final class RecordingRemovalListener implements FlowRemovalListener {
    record Removal(long flowId, int initiatorPort, FlowKind kind, RemovalCause cause) {
    }

    final List<Removal> removals = new ArrayList<>();

    @Override
    public void onRemoved(FlowTable table, int slot, FlowKind kind, RemovalCause cause) {
        removals.add(new Removal(table.flowId(slot), table.initiatorPort(slot), kind, cause));
    }

    List<Long> flowIds() {
        return removals.stream().map(Removal::flowId).toList();
    }
}
