package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.NetUtil;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;

/**
 * Server TLS contexts minted per SNI name by the lab CA, cached (least recently used out) so a busy name costs one
 * map lookup. Plugs into Netty's {@code SniHandler} as its {@link Mapping}. A missing or malformed SNI (a client
 * that sends an IP, garbage, or nothing) gets the fallback name's context rather than a certificate for hostile
 * input. All minted leaves share one key pair: minting is then one signature, not a key generation.
 *
 * <p>Thread-safe; minting happens outside the lock, so two threads may mint the same name once each. Counts cache hits,
 * mints and the time minting took, so a benchmark can tell whether handshakes paid for minting.
 */
public final class SniCertificateMinter implements Mapping<String, SslContext> {
    private final LabCa ca;
    private final String fallbackName;
    private final Set<TlsVersion> versions;
    private final KeyPair keys;
    private final Map<String, SslContext> cache;
    private final TlsProvider provider;
    private final LongAdder hits = new LongAdder();
    private final LongAdder mints = new LongAdder();
    private final LongAdder mintNanos = new LongAdder();

    /** What the minter did so far: contexts served from the cache, contexts minted, and the minting's total time. */
    public record Stats(long hits, long mints, long mintNanos) {
    }

    public SniCertificateMinter(LabCa ca, String fallbackName, Set<TlsVersion> versions, int capacity) {
        this.ca = requireNonNull(ca, "ca");
        this.fallbackName = SubjectNames.normalize(requireNonNull(fallbackName, "fallbackName"));
        if (!SubjectNames.isDnsName(this.fallbackName)) {
            throw new IllegalArgumentException("fallbackName: '" + fallbackName + "' (expected: a DNS name)");
        }
        this.versions = Set.copyOf(requireNonNull(versions, "versions"));
        TlsVersion.protocolNames(this.versions);
        if (capacity < 1 || capacity > 100_000) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1..100000)");
        }
        this.provider = TlsProvider.current();
        this.keys = ca.newKeyPair(KeyAlgorithm.EC_P256);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SslContext> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The context for this SNI name (null or malformed: the fallback name's). */
    public SslContext mint(String sni) {
        String name = sni == null ? fallbackName : SubjectNames.normalize(sni);
        // RFC 6066: SNI carries host names only; an IP literal or a wildcard there is a client's mistake or an attack.
        if (!SubjectNames.isDnsName(name) || name.startsWith("*.") || NetUtil.isValidIpV4Address(name)) {
            name = fallbackName;
        }
        synchronized (cache) {
            SslContext cached = cache.get(name);
            if (cached != null) {
                hits.increment();
                return cached;
            }
        }
        long t0 = System.nanoTime();
        SslContext minted = build(name);
        mintNanos.add(System.nanoTime() - t0);
        mints.increment();
        synchronized (cache) {
            SslContext raced = cache.putIfAbsent(name, minted);
            return raced != null ? raced : minted;
        }
    }

    @Override
    public SslContext map(String sni) {
        return mint(sni);
    }

    /** How many names are cached now. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public Stats stats() {
        return new Stats(hits.sum(), mints.sum(), mintNanos.sum());
    }

    /** The TLS implementation the minted contexts run on. */
    public TlsProvider provider() {
        return provider;
    }

    private SslContext build(String name) {
        IssuedCertificate leaf = ca.issue(SubjectNames.of(name), keys, LabCa.DEFAULT_LEAF_VALIDITY);
        try {
            return TlsContexts.server(leaf, versions, provider);
        } catch (SSLException e) {
            throw new IllegalStateException("TLS context for minted name " + name + " failed", e);
        }
    }
}
