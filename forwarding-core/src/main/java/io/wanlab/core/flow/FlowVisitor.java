package io.wanlab.core.flow;

/** Visits one live flow during {@link FlowTable#forEach}; it must not insert into or remove from the table. */
@FunctionalInterface
public interface FlowVisitor {
    void visit(FlowTable table, int slot);
}
