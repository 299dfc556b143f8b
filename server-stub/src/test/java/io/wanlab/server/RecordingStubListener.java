package io.wanlab.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a stub's events; they arrive on the stub's threads, so reads may wait a little for them. */
final class RecordingStubListener implements StubListener {
    private final List<StubEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(StubEvent event) {
        events.add(event);
    }

    List<StubEvent> events() {
        return List.copyOf(events);
    }

    <T extends StubEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until at least {@code count} events of the type arrived (or the time is up) and returns them all. */
    <T extends StubEvent> List<T> await(Class<T> type, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events(type).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return events(type);
    }
}
