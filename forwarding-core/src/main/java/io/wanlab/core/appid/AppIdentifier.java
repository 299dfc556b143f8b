package io.wanlab.core.appid;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * Identifies one flow's application from its client-to-server TCP payload, fed segment by segment
 * in order. The first byte picks the protocol: 0x16 (a TLS handshake record) reads a ClientHello,
 * the first letter of an HTTP method reads an HTTP/1.x request head, anything else gives up at once.
 * An identified server name is mapped to an application through the {@link ApplicationCatalog}.
 * Once the answer is final ({@link Identified} or {@link GaveUp}), every later offer returns it again.
 *
 * <p>Segments are read with absolute reads: their reader index is left alone and they are never
 * retained, so the caller keeps ownership. Not thread-safe: one instance per flow, used by the
 * thread that owns the flow. Allocates only its parser, the parser's bounded buffer and the answer.
 */
public final class AppIdentifier {
    private static final int TLS_HANDSHAKE = ClientHelloParser.RECORD_HANDSHAKE;

    private final ApplicationCatalog catalog;
    private PayloadParser parser;
    private Identification result = NotYet.INSTANCE;

    public AppIdentifier(ApplicationCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog");
    }

    /** Reads {@code segment}'s readable bytes; an empty segment changes nothing. */
    public Identification offer(ByteBuf segment) {
        requireNonNull(segment, "segment");
        if (result.isFinal() || !segment.isReadable()) {
            return result;
        }
        if (parser == null) {
            int first = segment.getUnsignedByte(segment.readerIndex());
            if (first == TLS_HANDSHAKE) {
                parser = new ClientHelloParser();
            } else if (HttpHostParser.startsMethod(first)) {
                parser = new HttpHostParser();
            } else {
                return result = new GaveUp("not TLS or HTTP: first byte 0x" + HostNames.hex2(first));
            }
        }
        Identification r = parser.offer(segment);
        if (r instanceof Identified id) {
            r = id.serverName() == null ? id : id.withApplication(catalog.lookup(id.serverName()));
        }
        if (r.isFinal()) {
            parser = null; // its buffers are garbage now; the answer is all that is kept
        }
        return result = r;
    }

    /** The answer so far: {@link NotYet} until a final one. */
    public Identification result() {
        return result;
    }
}
