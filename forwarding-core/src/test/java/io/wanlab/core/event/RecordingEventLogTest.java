package io.wanlab.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingEventLogTest {
    @Test
    void keepsEventsInOrderAndFiltersByType() {
        RecordingEventLog log = new RecordingEventLog();
        Event up = new Event.LinkUp(1, "socket-a", "off-cloud", "socket-b");
        Event decided = new Event.FlowDecided(2, "socket-a", 1, 2, "r2", "off-cloud", "simple");
        Event down = new Event.LinkDown(3, "socket-a", "off-cloud", "closed");
        log.emit(up);
        log.emit(decided);
        log.emit(down);
        assertThat(log.events()).containsExactly(up, decided, down);
        assertThat(log.events(Event.FlowDecided.class)).containsExactly((Event.FlowDecided) decided);
        assertThat(log.size()).isEqualTo(3);
        log.clear();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void noneAcceptsAndDropsEverything() {
        EventLog.NONE.emit(new Event.FlowEvicted(1, "a", 1));
        assertThat(EventLog.NONE).hasToString("EventLog.NONE");
    }
}
