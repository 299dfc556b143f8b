package io.wanlab.core.appid;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.Application;
import java.util.List;

/**
 * The flow announced a server name: the TLS SNI or the HTTP Host (lower-cased, without port or
 * trailing dot; null when a ClientHello carries no SNI), the TLS ALPN offer (empty for HTTP), and
 * the catalog application and category it maps to (null when no catalog entry matches).
 */
public record Identified(Kind kind, String serverName, List<String> alpn, String application, String category)
        implements Identification {

    /** Which protocol the identification came from. */
    public enum Kind {
        TLS,
        HTTP
    }

    public Identified {
        requireNonNull(kind, "kind");
        alpn = List.copyOf(requireNonNull(alpn, "alpn"));
    }

    /** The same identification, labelled with {@code app} (or with no application when it is null). */
    public Identified withApplication(Application app) {
        if (app == null) {
            return application == null && category == null ? this : new Identified(kind, serverName, alpn, null, null);
        }
        return new Identified(kind, serverName, alpn, app.name(), app.category());
    }
}
