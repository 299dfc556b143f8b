package io.wanlab.bench.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** One exchange's clock, driven through its pipeline handler the way the client's channel drives it. */
class HandshakeLoadExchangeTest {

    @Test
    void theConnectTimeComesFromThePipelineNotFromALateConnectListener() throws Exception {
        HandshakeLoad.Tally tally = new HandshakeLoad.Tally();
        long start = System.nanoTime();
        HandshakeLoad.Exchange exchange = new HandshakeLoad.Exchange(start, true, start + Duration.ofMinutes(1).toNanos(), tally,
                new Semaphore(0), false);
        Thread.sleep(2);
        // No connect listener has run (on a busy machine it can run after the exchange ended): the channel's
        // activation alone must time the connection.
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeLoad.ExchangeHandler(exchange, "app.site-b.lab"));
        ch.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), LastHttpContent.EMPTY_LAST_CONTENT);

        HandshakeResult r = tally.result("lab direct", Duration.ofSeconds(1), 1);
        assertThat(r.completed()).isEqualTo(1);
        assertThat(r.connectMillis()).as("connect ms").isBetween(1.0, 60_000.0);
        ch.finishAndReleaseAll();
    }
}
