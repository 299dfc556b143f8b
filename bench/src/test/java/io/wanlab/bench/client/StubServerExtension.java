package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.server.ServerStub;
import io.wanlab.server.ServerStubConfig;
import io.wanlab.server.StubEvent;
import io.wanlab.server.ca.LabCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The real server stub on 127.0.0.1, any free port, started on first {@link #address()}; fails the test on a stub bug. */
final class StubServerExtension implements AfterEachCallback {
    private final LabCa ca;
    private final List<StubEvent> events = new CopyOnWriteArrayList<>();
    private ServerStubConfig config = ServerStubConfig.defaults().withBind(ServerStubConfig.address("127.0.0.1", 0));
    private ServerStub stub;
    private InetSocketAddress address;

    StubServerExtension(LabCa ca) {
        this.ca = ca;
    }

    StubServerExtension configure(UnaryOperator<ServerStubConfig> change) {
        config = change.apply(config);
        return this;
    }

    InetSocketAddress address() {
        if (stub == null) {
            stub = new ServerStub(config, ca, events::add);
            try {
                address = stub.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return address;
    }

    List<StubEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (stub != null) {
            stub.close();
        }
        assertThat(events).as("the stub met no exception a client could not cause")
                .noneMatch(StubEvent.Unexpected.class::isInstance);
    }
}
