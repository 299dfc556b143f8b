package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutcomeClassifierTest {
    static List<Arguments> established() {
        return List.of(
                Arguments.of("NIO reset (JDK 13+)", new SocketException("Connection reset"), false, Outcome.RESET_DURING_HANDSHAKE),
                Arguments.of("NIO reset by peer", new IOException("Connection reset by peer"), false, Outcome.RESET_DURING_HANDSHAKE),
                Arguments.of("epoll reset", new IOException("recvAddress(..) failed: Connection reset by peer"), false, Outcome.RESET_DURING_HANDSHAKE),
                Arguments.of("write after reset", new IOException("writevAddresses(..) failed: Broken pipe"), true, Outcome.RESET_AFTER_HANDSHAKE),
                Arguments.of("reset after handshake", new SocketException("Connection reset"), true, Outcome.RESET_AFTER_HANDSHAKE),
                Arguments.of("wrapped reset", new DecoderException(new IOException("Connection reset by peer")), true, Outcome.RESET_AFTER_HANDSHAKE),
                Arguments.of("untrusted certificate", new DecoderException(new SSLHandshakeException("PKIX path building failed")), false, Outcome.TLS_ERROR),
                Arguments.of("not TLS", new DecoderException(new NotSslRecordException("not an SSL/TLS record")), false, Outcome.TLS_ERROR),
                Arguments.of("TLS handshake timeout", new SslHandshakeTimeoutException("handshake timed out"), false, Outcome.TIMEOUT),
                Arguments.of("closed channel", new ClosedChannelException(), true, Outcome.OTHER_ERROR),
                Arguments.of("message-less IOException", new IOException(), false, Outcome.OTHER_ERROR),
                Arguments.of("a bug", new IllegalStateException("oops"), true, Outcome.OTHER_ERROR));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("established")
    void classifiesFailuresOnAnEstablishedConnection(String name, Throwable cause, boolean handshakeDone, Outcome expected) {
        assertThat(OutcomeClassifier.classify(cause, handshakeDone)).isEqualTo(expected);
    }

    static List<Arguments> connects() {
        return List.of(
                Arguments.of("refused", new ConnectException("Connection refused: /127.0.0.1:9"), Outcome.REFUSED),
                Arguments.of("epoll refused", new ConnectException("finishConnect(..) failed: Connection refused"), Outcome.REFUSED),
                Arguments.of("connect timeout", new ConnectTimeoutException("connection timed out after 3000 ms"), Outcome.TIMEOUT),
                Arguments.of("no route", new NoRouteToHostException("No route to host"), Outcome.OTHER_ERROR),
                Arguments.of("unreachable", new ConnectException("Network is unreachable"), Outcome.OTHER_ERROR));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("connects")
    void classifiesConnectFailures(String name, Throwable cause, Outcome expected) {
        assertThat(OutcomeClassifier.classifyConnect(cause)).isEqualTo(expected);
    }

    @Test
    void detailIsTheDeepestMessageCutShort() {
        Throwable wrapped = new DecoderException("outer", new NotSslRecordException("not an SSL/TLS record: " + "ab".repeat(5000)));

        String detail = OutcomeClassifier.detail(wrapped);

        assertThat(detail).startsWith("NotSslRecordException: not an SSL/TLS record: abab").endsWith("...");
        assertThat(detail.length()).isLessThan(310);
        assertThat(OutcomeClassifier.detail(new ClosedChannelException())).isEqualTo("ClosedChannelException");
    }

    @Test
    void aSelfCausedChainDoesNotLoop() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);

        assertThat(OutcomeClassifier.classify(a, false)).isEqualTo(Outcome.OTHER_ERROR);
        assertThat(OutcomeClassifier.detail(a)).isNotEmpty();
    }
}
