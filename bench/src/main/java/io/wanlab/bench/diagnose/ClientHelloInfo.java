package io.wanlab.bench.diagnose;

import io.netty.buffer.Unpooled;
import io.wanlab.core.appid.ClientHelloParser;
import io.wanlab.core.appid.GaveUp;
import io.wanlab.core.appid.Identification;
import io.wanlab.core.appid.Identified;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the client's first bytes said, reassembled in sequence order (each sequence offset read
 * once, as a retransmission carries the same bytes).
 *
 * @param sni                the server name, or null
 * @param alpn               the ALPN protocols offered
 * @param recordVersion      the first record's version, "TLS 1.0" for 0x0301
 * @param helloVersion       the ClientHello's legacy_version
 * @param supportedVersions  the supported_versions extension (TLS 1.3 offers), empty when absent
 * @param size               bytes of the ClientHello on the wire: its records, headers included
 * @param segments           TCP segments that carried them
 * @param firstFrame         the frame of the first of those segments
 * @param lastFrame          the frame that completed it
 * @param problem            why no ClientHello was read (not TLS, incomplete), or null
 */
public record ClientHelloInfo(String sni, List<String> alpn, String recordVersion, String helloVersion,
        List<String> supportedVersions, int size, int segments, long firstFrame, long lastFrame, String problem) {

    private static final int EXT_SUPPORTED_VERSIONS = 0x002b;

    /** Reads the ClientHello from the client's payload segments; {@code start} is the sequence number of its first byte. */
    static ClientHelloInfo read(List<Segment> clientPayload, long start) {
        Map<Long, Segment> byOffset = new TreeMap<>();
        for (Segment s : clientPayload) {
            long off = (s.seq() - start) & 0xffffffffL;
            if (off < (1L << 20)) {
                byOffset.putIfAbsent(off, s);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Segment> used = new ArrayList<>();
        long have = 0;
        int need = -1;
        for (Map.Entry<Long, Segment> e : byOffset.entrySet()) {
            long off = e.getKey();
            byte[] p = e.getValue().payload();
            if (off > have) {
                break; // a hole: the capture missed a segment
            }
            if (off + p.length <= have) {
                continue;
            }
            int from = (int) (have - off);
            bytes.write(p, from, p.length - from);
            have = off + p.length;
            used.add(e.getValue());
            need = wireLength(bytes.toByteArray());
            if (need > 0 && have >= need) {
                break;
            }
        }
        byte[] b = bytes.toByteArray();
        long first = used.isEmpty() ? 0 : used.getFirst().frame();
        long last = used.isEmpty() ? 0 : used.getLast().frame();
        if (b.length == 0) {
            return new ClientHelloInfo(null, List.of(), null, null, List.of(), 0, 0, 0, 0, "no client payload");
        }
        String recordVersion = b.length >= 3 ? version((b[1] & 0xff) << 8 | b[2] & 0xff) : null;
        Identification id = new ClientHelloParser().offer(Unpooled.wrappedBuffer(b));
        return switch (id) {
            case Identified i -> {
                byte[] body = handshakeBody(b);
                yield new ClientHelloInfo(i.serverName(), i.alpn(), recordVersion, version((body[0] & 0xff) << 8 | body[1] & 0xff),
                        supportedVersions(body), need, used.size(), first, last, null);
            }
            case GaveUp g -> new ClientHelloInfo(null, List.of(), null, null, List.of(), b.length, used.size(), first, last,
                    g.reason());
            default -> new ClientHelloInfo(null, List.of(), recordVersion, null, List.of(), b.length, used.size(), first, last,
                    "incomplete: " + b.length + " bytes in order" + (need > 0 ? " of " + need : ""));
        };
    }

    /** The ClientHello's records' total length once the handshake header is readable, else -1. */
    private static int wireLength(byte[] b) {
        int handshakeNeed = -1;
        int gathered = 0;
        int p = 0;
        while (p + 5 <= b.length && (b[p] & 0xff) == 0x16) {
            int len = (b[p + 3] & 0xff) << 8 | b[p + 4] & 0xff;
            int fragStart = p + 5;
            if (handshakeNeed < 0 && gathered == 0 && fragStart + 4 <= b.length) {
                handshakeNeed = 4 + ((b[fragStart + 1] & 0xff) << 16 | (b[fragStart + 2] & 0xff) << 8 | b[fragStart + 3] & 0xff);
            }
            gathered += len;
            p = fragStart + len;
            if (handshakeNeed >= 0 && gathered >= handshakeNeed) {
                return p;
            }
        }
        return -1;
    }

    /** The handshake message body (after its 4-byte header), gathered across records. */
    private static byte[] handshakeBody(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p + 5 <= b.length && (b[p] & 0xff) == 0x16) {
            int len = (b[p + 3] & 0xff) << 8 | b[p + 4] & 0xff;
            out.write(b, p + 5, Math.min(len, b.length - p - 5));
            p += 5 + len;
        }
        byte[] h = out.toByteArray();
        return java.util.Arrays.copyOfRange(h, 4, h.length);
    }

    /** The supported_versions extension, read leniently: a ClientHelloParser already accepted this body. */
    private static List<String> supportedVersions(byte[] body) {
        try {
            int p = 2 + 32;
            p += 1 + (body[p] & 0xff);
            p += 2 + u16(body, p);
            p += 1 + (body[p] & 0xff);
            int end = p + 2 + u16(body, p);
            p += 2;
            while (p + 4 <= end && p + 4 <= body.length) {
                int type = u16(body, p);
                int len = u16(body, p + 2);
                if (type == EXT_SUPPORTED_VERSIONS) {
                    List<String> out = new ArrayList<>();
                    int n = body[p + 4] & 0xff;
                    for (int i = 0; i + 1 < n; i += 2) {
                        int v = u16(body, p + 5 + i);
                        if ((v & 0x0f0f) != 0x0a0a) { // GREASE
                            out.add(version(v));
                        }
                    }
                    return List.copyOf(out);
                }
                p += 4 + len;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return List.of();
        }
        return List.of();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    static String version(int v) {
        return switch (v) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> "0x" + Integer.toHexString(v);
        };
    }

    /** One phrase for the report: {@code ClientHello sni=app.site-b.lab TLS 1.2/1.3, 517 bytes in 1 segment}. */
    String summary() {
        if (problem != null) {
            return "client's first bytes: " + problem;
        }
        String versions = supportedVersions.isEmpty() ? helloVersion : String.join("/", supportedVersions);
        return "ClientHello sni=" + (sni == null ? "(none)" : sni) + " " + versions + ", " + size + " bytes in " + segments
                + (segments == 1 ? " segment" : " segments");
    }
}
