package io.wanlab.core.event;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** Keeps events in memory in emit order, for tests and in-memory scenarios. Thread-safe. */
public final class RecordingEventLog implements EventLog {
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void emit(Event event) {
        events.add(requireNonNull(event, "event"));
    }

    /** A snapshot of every event so far. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** A snapshot of the events of one type, in order. */
    public synchronized <T extends Event> List<T> events(Class<T> type) {
        requireNonNull(type, "type");
        List<T> matching = new ArrayList<>();
        for (Event e : events) {
            if (type.isInstance(e)) {
                matching.add(type.cast(e));
            }
        }
        return matching;
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized void clear() {
        events.clear();
    }
}
