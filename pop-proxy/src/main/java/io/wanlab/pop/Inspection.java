package io.wanlab.pop;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** What TLS inspection records of a flow: the SNI and the first request line and Host, if the payload is HTTP. */
final class Inspection {
    static final int MAX_LINE = 200;

    private Inspection() {
    }

    static String describe(String sni, Object firstPayload) {
        StringBuilder sb = new StringBuilder("SNI ").append(sni == null ? "(none)" : sni);
        if (!(firstPayload instanceof ByteBuf buf) || !buf.isReadable()) {
            return sb.toString();
        }
        String head = buf.toString(buf.readerIndex(), Math.min(buf.readableBytes(), 2048), StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        String line = eol > 0 ? head.substring(0, eol) : "";
        if (!line.matches("[A-Z]{3,8} \\S+ HTTP/1\\.[01]")) {
            return sb.append(", ").append(buf.readableBytes()).append(" bytes of non-HTTP payload").toString();
        }
        sb.append(", request '").append(printable(line)).append('\'');
        for (String header : head.split("\r\n")) {
            if (header.regionMatches(true, 0, "Host:", 0, 5)) {
                sb.append(", Host ").append(printable(header.substring(5).strip()));
                break;
            }
        }
        return sb.toString();
    }

    private static String printable(String s) {
        String cut = s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
