package io.wanlab.core.lab;

import java.io.Serial;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Stops a document that nests deeper than a lab file ever does. snakeyaml-engine's composer
 * recurses once per level and has no depth limit of its own, so {@code [[[[...} of a few
 * kilobytes would overflow the stack. Also remembers the last event's place, for snakeyaml
 * errors that carry none (the alias limit). Not thread-safe: one per load.
 */
final class DepthLimitedParser implements Parser {
    /** Thrown when the limit is passed; marked, so it is reported like a syntax error. */
    static final class TooDeepException extends MarkedYamlEngineException {
        @Serial
        private static final long serialVersionUID = 1L;

        TooDeepException(int maxDepth, Optional<Mark> mark) {
            super("", Optional.empty(), "nesting deeper than " + maxDepth + " levels", mark);
        }
    }

    private final Parser delegate;
    private final int maxDepth;
    private int depth;
    private Optional<Mark> lastMark = Optional.empty();

    DepthLimitedParser(Parser delegate, int maxDepth) {
        this.delegate = delegate;
        this.maxDepth = maxDepth;
    }

    Optional<Mark> lastMark() {
        return lastMark;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return delegate.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Event next() {
        Event event = delegate.next();
        if (event.getStartMark().isPresent()) {
            lastMark = event.getStartMark();
        }
        switch (event.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > maxDepth) {
                    throw new TooDeepException(maxDepth, event.getStartMark());
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> {
            }
        }
        return event;
    }
}
