package io.wanlab.server;

/**
 * Receives a server stub's events. Called on the stub's event loop threads, possibly several at once: implementations
 * must be thread-safe and must not block. An exception thrown here is reported on standard error and dropped.
 */
@FunctionalInterface
public interface StubListener {
    StubListener NONE = event -> { };

    void onEvent(StubEvent event);
}
