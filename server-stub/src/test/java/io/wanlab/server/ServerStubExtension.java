package io.wanlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.server.ca.LabCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server stub on 127.0.0.1, any free port, for one test. It starts on first use, so a test may
 * {@link #configure} it first; after the test it closes and fails the test if the stub reported an
 * {@link StubEvent.Unexpected} exception.
 */
final class ServerStubExtension implements AfterEachCallback {
    /** One CA for the whole test JVM: certificate checks do not care, and key generation is not free. */
    static final LabCa CA = LabCa.create("test");

    private final RecordingStubListener listener = new RecordingStubListener();
    private ServerStubConfig config = ServerStubConfig.defaults().withBind(ServerStubConfig.address("127.0.0.1", 0));
    private ServerStub stub;
    private InetSocketAddress address;

    ServerStubExtension configure(UnaryOperator<ServerStubConfig> change) {
        if (stub != null) {
            throw new IllegalStateException("configure before the first address() call");
        }
        config = change.apply(config);
        return this;
    }

    InetSocketAddress address() {
        if (stub == null) {
            stub = new ServerStub(config, CA, listener);
            try {
                address = stub.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return address;
    }

    RecordingStubListener listener() {
        return listener;
    }

    ServerStub stub() {
        address();
        return stub;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (stub != null) {
            stub.close();
        }
        assertThat(listener.events(StubEvent.Unexpected.class)).as("the stub met no exception a client could not cause").isEmpty();
    }
}
