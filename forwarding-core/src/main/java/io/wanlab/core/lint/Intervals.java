package io.wanlab.core.lint;

import io.wanlab.core.lab.EndpointMatch;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.PortRange;
import io.wanlab.core.lab.Protocol;
import io.wanlab.core.lab.Service;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;

/**
 * A set of addresses (unsigned, held in longs) or ports as sorted, disjoint, merged inclusive
 * intervals. Rule criteria become these, so overlap and coverage are interval arithmetic, whatever
 * mix of any, site, subnet, host and range a rule uses.
 */
final class Intervals {
    static final long MAX_ADDRESS = 0xFFFF_FFFFL;
    static final Intervals ALL_ADDRESSES = new Intervals(new long[] {0, MAX_ADDRESS});
    /** Port 0 is never a connection's port; leaving it out keeps "1-442" readable. */
    static final Intervals ALL_PORTS = new Intervals(new long[] {1, 65535});
    static final Intervals EMPTY = new Intervals(new long[0]);

    /** Pairs (first, last), ascending, not touching. */
    private final long[] b;

    private Intervals(long[] pairs) {
        this.b = pairs;
    }

    static Intervals of(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        long[] pairs = new long[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            pairs[2 * i] = merged.get(i)[0];
            pairs[2 * i + 1] = merged.get(i)[1];
        }
        return new Intervals(pairs);
    }

    static long unsigned(int address) {
        return Integer.toUnsignedLong(address);
    }

    static Intervals prefix(Ipv4Prefix p) {
        return new Intervals(new long[] {unsigned(p.first()), unsigned(p.last())});
    }

    static Intervals site(Site site) {
        List<long[]> r = new ArrayList<>();
        for (Ipv4Prefix p : site.subnets()) {
            r.add(new long[] {unsigned(p.first()), unsigned(p.last())});
        }
        return of(r);
    }

    /** A rule's source or destination; an unknown site (never after the loader) matches nothing. */
    static Intervals endpoints(List<EndpointMatch> matches, LabFile lab) {
        if (matches.isEmpty()) {
            return ALL_ADDRESSES;
        }
        List<long[]> r = new ArrayList<>();
        for (EndpointMatch m : matches) {
            switch (m) {
                case EndpointMatch.Any any -> {
                    return ALL_ADDRESSES;
                }
                case EndpointMatch.SiteRef ref -> lab.site(ref.site()).ifPresent(s -> r.addAll(site(s).ranges()));
                case EndpointMatch.Subnet s -> r.add(new long[] {unsigned(s.prefix().first()), unsigned(s.prefix().last())});
                case EndpointMatch.Host h -> r.add(new long[] {unsigned(h.address()), unsigned(h.address())});
                case EndpointMatch.IpRange g -> r.add(new long[] {unsigned(g.first()), unsigned(g.last())});
            }
        }
        return of(r);
    }

    /** The TCP ports a service admits: none unless its protocol is tcp or any. */
    static Intervals tcpPorts(Service service) {
        if (service.protocol() != Protocol.ANY && service.protocol() != Protocol.TCP) {
            return EMPTY;
        }
        if (service.ports().isEmpty()) {
            return ALL_PORTS;
        }
        List<long[]> r = new ArrayList<>();
        for (PortRange p : service.ports()) {
            r.add(new long[] {p.first(), p.last()});
        }
        return of(r);
    }

    List<long[]> ranges() {
        List<long[]> r = new ArrayList<>();
        for (int i = 0; i < b.length; i += 2) {
            r.add(new long[] {b[i], b[i + 1]});
        }
        return r;
    }

    boolean isEmpty() {
        return b.length == 0;
    }

    boolean contains(long v) {
        for (int i = 0; i < b.length; i += 2) {
            if (v >= b[i] && v <= b[i + 1]) {
                return true;
            }
        }
        return false;
    }

    boolean containsAll(Intervals o) {
        return o.minus(this).isEmpty();
    }

    Intervals intersect(Intervals o) {
        List<long[]> r = new ArrayList<>();
        for (int i = 0; i < b.length; i += 2) {
            for (int j = 0; j < o.b.length; j += 2) {
                long lo = Math.max(b[i], o.b[j]);
                long hi = Math.min(b[i + 1], o.b[j + 1]);
                if (lo <= hi) {
                    r.add(new long[] {lo, hi});
                }
            }
        }
        return of(r);
    }

    Intervals union(Intervals o) {
        List<long[]> r = ranges();
        r.addAll(o.ranges());
        return of(r);
    }

    Intervals minus(Intervals o) {
        List<long[]> r = new ArrayList<>();
        for (int i = 0; i < b.length; i += 2) {
            long lo = b[i];
            long hi = b[i + 1];
            for (int j = 0; j < o.b.length && lo <= hi; j += 2) {
                if (o.b[j + 1] < lo || o.b[j] > hi) {
                    continue;
                }
                if (o.b[j] > lo) {
                    r.add(new long[] {lo, o.b[j] - 1});
                }
                lo = o.b[j + 1] + 1;
            }
            if (lo <= hi) {
                r.add(new long[] {lo, hi});
            }
        }
        return of(r);
    }

    /** Adds this set's boundaries (each first, and each last + 1) to {@code cuts}. */
    void addCuts(NavigableSet<Long> cuts) {
        for (int i = 0; i < b.length; i += 2) {
            cuts.add(b[i]);
            cuts.add(b[i + 1] + 1);
        }
    }

    /** This set split at every cut inside it: pieces on which every cut-giving set is all in or all out. */
    List<long[]> pieces(NavigableSet<Long> cuts) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < b.length; i += 2) {
            long lo = b[i];
            for (Long c : cuts.subSet(b[i], false, b[i + 1], true)) {
                out.add(new long[] {lo, c - 1});
                lo = c;
            }
            out.add(new long[] {lo, b[i + 1]});
        }
        return out;
    }

    /** Ports as people write them: {@code 443}, {@code 8000-8080}, or {@code all ports}. */
    List<String> portText() {
        if (equals(ALL_PORTS) || (b.length == 2 && b[0] <= 1 && b[1] == 65535)) {
            return List.of("all ports");
        }
        List<String> r = new ArrayList<>();
        for (int i = 0; i < b.length; i += 2) {
            r.add(b[i] == b[i + 1] ? Long.toString(b[i]) : b[i] + "-" + b[i + 1]);
        }
        return r;
    }

    /** Addresses as people write them: whole sites by name, then subnets where exact, else ranges. */
    List<String> addressText(LabFile lab) {
        if (contains(0) && contains(MAX_ADDRESS) && b.length == 2) {
            return List.of("any");
        }
        List<String> r = new ArrayList<>();
        Intervals rest = this;
        for (Site s : lab.sites()) {
            Intervals si = site(s);
            if (containsAll(si)) {
                r.add("site " + s.name());
                rest = rest.minus(si);
            }
        }
        for (long[] range : rest.ranges()) {
            r.add(rangeText(range[0], range[1]));
        }
        return r;
    }

    private static String rangeText(long lo, long hi) {
        long size = hi - lo + 1;
        if (Long.bitCount(size) == 1 && lo % size == 0) {
            int length = 32 - Long.numberOfTrailingZeros(size);
            return length == 32 ? "host " + Ipv4.format((int) lo) : "subnet " + Ipv4.format((int) lo) + "/" + length;
        }
        return "range " + Ipv4.format((int) lo) + "-" + Ipv4.format((int) hi);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Intervals other && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        List<String> r = new ArrayList<>();
        for (long[] x : ranges()) {
            r.add(x[0] + "-" + x[1]);
        }
        return r.toString();
    }
}
