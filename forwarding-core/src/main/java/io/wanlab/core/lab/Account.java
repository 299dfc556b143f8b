package io.wanlab.core.lab;

import java.util.Set;

/** Account-wide settings. With TLS inspection on, the PoP enforces a full TCP proxy. */
public record Account(boolean tlsInspection) {
    /**
     * The TCP ports the PoP's proxy takes over when TLS inspection is on (HTTPS); other TCP passes
     * through. Here, not in pop-proxy, because the PoP and the lint ({@code core.lint}) must agree.
     */
    public static final Set<Integer> DEFAULT_PROXIED_PORTS = Set.of(443);
}
