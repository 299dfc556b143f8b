package io.wanlab.core.appid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic ClientHellos for cases the JDK will not write: huge key shares, no SNI, odd SNI entries,
 * and every length field able to lie ({@link #lie}). Honest by default: each length is computed from
 * what it encloses unless a lie replaces it.
 */
final class ClientHelloBuilder {
    static final int X25519 = 0x001d;
    static final int X25519_MLKEM768 = 0x11ec;

    /** Every length or type field the builder can be told to lie about. */
    enum Field {
        RECORD_TYPE, RECORD_VERSION, RECORD_LENGTH, HANDSHAKE_TYPE, HANDSHAKE_LENGTH, CLIENT_VERSION,
        SESSION_ID_LENGTH, CIPHER_SUITES_LENGTH, COMPRESSION_LENGTH, EXTENSIONS_LENGTH,
        SNI_EXTENSION_LENGTH, SNI_LIST_LENGTH, SNI_NAME_LENGTH, ALPN_EXTENSION_LENGTH, ALPN_LIST_LENGTH, ALPN_NAME_LENGTH
    }

    private record SniEntry(int type, byte[] name) {}

    private record KeyShare(int group, int size) {}

    private record Extension(int type, byte[] data) {}

    private final Map<Field, Integer> lies = new EnumMap<>(Field.class);
    private final List<SniEntry> sni = new ArrayList<>();
    private final List<String> alpn = new ArrayList<>();
    private final List<KeyShare> keyShares = new ArrayList<>();
    private final List<Extension> extra = new ArrayList<>();
    private boolean withSni;
    private boolean withExtensions = true;
    private int handshakeSize = -1;

    ClientHelloBuilder sni(String hostName) {
        return sniEntry(0, hostName.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Adds a server_name entry of any type; the first call also adds the server_name extension. */
    ClientHelloBuilder sniEntry(int type, byte[] name) {
        withSni = true;
        sni.add(new SniEntry(type, name));
        return this;
    }

    /** A server_name extension with an empty list. */
    ClientHelloBuilder emptySniList() {
        withSni = true;
        return this;
    }

    ClientHelloBuilder alpn(String... protocols) {
        alpn.addAll(List.of(protocols));
        return this;
    }

    ClientHelloBuilder keyShare(int group, int size) {
        keyShares.add(new KeyShare(group, size));
        return this;
    }

    ClientHelloBuilder extension(int type, byte[] data) {
        extra.add(new Extension(type, data));
        return this;
    }

    /** No extensions block at all, as pre-TLS-1.0 clients may send. */
    ClientHelloBuilder noExtensions() {
        withExtensions = false;
        return this;
    }

    /** Pads (extension 0x0015) so that the handshake message, header included, is exactly {@code size} bytes. */
    ClientHelloBuilder handshakeSize(int size) {
        handshakeSize = size;
        return this;
    }

    ClientHelloBuilder lie(Field field, int value) {
        lies.put(field, value);
        return this;
    }

    /** The handshake message: 4-byte header and body. */
    byte[] handshake() {
        byte[] body = body();
        Out out = new Out();
        out.u8(value(Field.HANDSHAKE_TYPE, 1));
        out.u24(value(Field.HANDSHAKE_LENGTH, body.length));
        out.bytes(body);
        return out.toByteArray();
    }

    /** The handshake message in one record. */
    byte[] records() {
        byte[] hs = handshake();
        Out out = new Out();
        out.u8(value(Field.RECORD_TYPE, TlsRecords.HANDSHAKE));
        out.u16(value(Field.RECORD_VERSION, 0x0301));
        out.u16(value(Field.RECORD_LENGTH, hs.length));
        out.bytes(hs);
        return out.toByteArray();
    }

    /** The handshake message in records of at most {@code recordSize} bytes. */
    byte[] records(int recordSize) {
        return TlsRecords.frame(handshake(), recordSize, 0x0301);
    }

    private byte[] body() {
        Out out = new Out();
        out.u16(value(Field.CLIENT_VERSION, 0x0303));
        for (int i = 0; i < 32; i++) {
            out.u8(i * 7); // random
        }
        out.u8(value(Field.SESSION_ID_LENGTH, 32));
        for (int i = 0; i < 32; i++) {
            out.u8(0xa0 + i);
        }
        int[] suites = {0x1301, 0x1302, 0x1303, 0xc02f};
        out.u16(value(Field.CIPHER_SUITES_LENGTH, suites.length * 2));
        for (int s : suites) {
            out.u16(s);
        }
        out.u8(value(Field.COMPRESSION_LENGTH, 1));
        out.u8(0);
        if (!withExtensions) {
            return out.toByteArray();
        }
        byte[] extensions = extensions(out.size() + 4 + 2);
        out.u16(value(Field.EXTENSIONS_LENGTH, extensions.length));
        out.bytes(extensions);
        return out.toByteArray();
    }

    /** The extensions block; {@code before} counts the handshake bytes ahead of it, for padding. */
    private byte[] extensions(int before) {
        Out out = new Out();
        if (withSni) {
            Out list = new Out();
            for (SniEntry e : sni) {
                list.u8(e.type());
                list.u16(value(Field.SNI_NAME_LENGTH, e.name().length));
                list.bytes(e.name());
            }
            Out data = new Out();
            data.u16(value(Field.SNI_LIST_LENGTH, list.size()));
            data.bytes(list.toByteArray());
            out.u16(ClientHelloReader.EXT_SERVER_NAME);
            out.u16(value(Field.SNI_EXTENSION_LENGTH, data.size()));
            out.bytes(data.toByteArray());
        }
        out.u16(0x002b); // supported_versions: TLS 1.3, 1.2
        out.u16(5);
        out.u8(4);
        out.u16(0x0304);
        out.u16(0x0303);
        if (!keyShares.isEmpty()) {
            Out shares = new Out();
            for (KeyShare k : keyShares) {
                shares.u16(k.group());
                shares.u16(k.size());
                for (int i = 0; i < k.size(); i++) {
                    shares.u8(i * 31 + 5);
                }
            }
            out.u16(0x0033);
            out.u16(shares.size() + 2);
            out.u16(shares.size());
            out.bytes(shares.toByteArray());
        }
        if (!alpn.isEmpty()) {
            Out list = new Out();
            for (String p : alpn) {
                list.u8(value(Field.ALPN_NAME_LENGTH, p.length()));
                list.bytes(p.getBytes(StandardCharsets.ISO_8859_1));
            }
            out.u16(ClientHelloReader.EXT_ALPN);
            out.u16(value(Field.ALPN_EXTENSION_LENGTH, list.size() + 2));
            out.u16(value(Field.ALPN_LIST_LENGTH, list.size()));
            out.bytes(list.toByteArray());
        }
        for (Extension e : extra) {
            out.u16(e.type());
            out.u16(e.data().length);
            out.bytes(e.data());
        }
        if (handshakeSize >= 0) {
            int padding = handshakeSize - before - out.size() - 4;
            if (padding < 0) {
                throw new IllegalArgumentException("handshake size: " + handshakeSize + " (expected: at least " + (before + out.size() + 4) + ")");
            }
            out.u16(0x0015);
            out.u16(padding);
            out.bytes(new byte[padding]);
        }
        return out.toByteArray();
    }

    private int value(Field field, int honest) {
        return lies.getOrDefault(field, honest);
    }

    /** Big-endian writes; values are truncated to the field width, so a lie can be any int. */
    private static final class Out extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >>> 8);
            write(v);
        }

        void u24(int v) {
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }

        void bytes(byte[] b) {
            writeBytes(b);
        }
    }
}
