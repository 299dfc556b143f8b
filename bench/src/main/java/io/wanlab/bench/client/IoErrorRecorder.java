package io.wanlab.bench.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.IOException;

/**
 * First in the pipeline, below TLS: remembers the first socket error, whether a read raised it or a write failed
 * with it. A reset can reach the TLS layer only as "the connection closed"; this keeps the evidence that it was a
 * reset.
 */
final class IoErrorRecorder extends ChannelDuplexHandler {
    private final ClientExchange exchange;

    IoErrorRecorder(ClientExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            exchange.recordIoError(cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!promise.isVoid()) {
            promise.addListener(future -> {
                if (!future.isSuccess() && future.cause() instanceof IOException) {
                    exchange.recordIoError(future.cause());
                }
            });
        }
        ctx.write(msg, promise);
    }
}
