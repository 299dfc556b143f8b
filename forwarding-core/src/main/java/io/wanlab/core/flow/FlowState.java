package io.wanlab.core.flow;

/** Where a flow stands with the rules: just created, travelling until identified, or decided for good. */
public enum FlowState {
    /** Created by this packet; the rules have not run yet. */
    NEW,
    /** A complex rule matched; the flow travels over the default transport until identified. */
    UNDECIDED,
    /** The transport is settled; later packets only need the lookup. */
    DECIDED;

    private static final FlowState[] BY_ORDINAL = values();

    /** The constant for a stored ordinal, without the array copy of {@code values()}. */
    public static FlowState ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }
}
