package io.wanlab.core.lab;

/** Account-wide settings. With TLS inspection on, the PoP enforces a full TCP proxy. */
public record Account(boolean tlsInspection) {
}
