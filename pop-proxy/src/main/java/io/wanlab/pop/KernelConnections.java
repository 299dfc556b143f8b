package io.wanlab.pop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The proxy's TCP sockets as the PoP's own kernel sees them ({@code /proc/net/tcp} of its
 * namespace): a connection the proxy has closed may still be sending (a FIN it retransmits until
 * the client's RST arrives), so "no proxied connection" means none here either. TIME_WAIT and
 * listeners send nothing on their own and do not count.
 */
final class KernelConnections {
    private static final Path PROC = Path.of("/proc/net/tcp");
    private static final int LISTEN = 0x0A;
    private static final int TIME_WAIT = 0x06;
    private static final int CLOSE = 0x07;

    private KernelConnections() {
    }

    /** Sockets in the calling process's namespace that may still send, on a proxied port at either end; -1 if unreadable. */
    static int count(boolean[] proxiedPort) {
        try {
            return count(Files.readAllLines(PROC), proxiedPort);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Lines of {@code /proc/net/tcp}: {@code sl local_address rem_address st ...}, addresses as HEXIP:HEXPORT. */
    static int count(List<String> lines, boolean[] proxiedPort) {
        int n = 0;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue; // the header
            }
            int state = Integer.parseInt(f[3], 16);
            if (state == LISTEN || state == TIME_WAIT || state == CLOSE) {
                continue;
            }
            if (proxiedPort[port(f[1])] || proxiedPort[port(f[2])]) {
                n++;
            }
        }
        return n;
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }
}
