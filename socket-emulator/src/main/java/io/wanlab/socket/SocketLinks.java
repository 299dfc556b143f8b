package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * A Socket's WAN links, numbered from 0, and which link carries each transport. Links go up and
 * down as their connections do; a transport whose link is down falls back to the rule's
 * secondary transport. Owned by the Socket's event loop, like the flow table.
 */
public final class SocketLinks {
    private final List<LinkSpec> links;
    private final int[] byTransport = new int[Transport.values().length];
    private final boolean[] up;

    private SocketLinks(List<LinkSpec> links) {
        this.links = List.copyOf(links);
        this.up = new boolean[links.size()];
        java.util.Arrays.fill(byTransport, -1);
        for (int i = 0; i < links.size(); i++) {
            Transport t = links.get(i).kind().transport();
            if (byTransport[t.ordinal()] < 0) {
                byTransport[t.ordinal()] = i;
            }
        }
        byTransport[Transport.AUTOMATIC.ordinal()] = byTransport[Transport.CATO.ordinal()];
    }

    /** The links of {@code node} in the lab file, in file order. */
    public static SocketLinks of(LabFile lab, String node) {
        requireNonNull(lab, "lab");
        requireNonNull(node, "node");
        List<LinkSpec> mine = new ArrayList<>();
        for (LinkSpec l : lab.links()) {
            if (l.from().equals(node) || l.to().equals(node)) {
                mine.add(l);
            }
        }
        if (mine.stream().noneMatch(l -> l.kind() == LinkKind.CATO)) {
            throw new IllegalArgumentException("node '" + node + "': no cato link in lab '" + lab.name()
                    + "' (expected: a cato link between it and pop)");
        }
        return new SocketLinks(mine);
    }

    public int size() {
        return links.size();
    }

    public LinkSpec link(int index) {
        return links.get(index);
    }

    public int indexOf(String linkName) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).name().equals(linkName)) {
                return i;
            }
        }
        return -1;
    }

    public void setUp(int index, boolean isUp) {
        up[index] = isUp;
    }

    public boolean isUp(int index) {
        return up[index];
    }

    /** The link for a transport, or -1 when none is configured. */
    public int linkFor(Transport transport) {
        return byTransport[transport.ordinal()];
    }

    /**
     * The link to use for a decided transport: the primary's if up, else the secondary's if up,
     * else -1. Allocates nothing.
     */
    public int route(Transport primary, Transport secondary) {
        int p = byTransport[primary.ordinal()];
        if (p >= 0 && up[p]) {
            return p;
        }
        if (secondary != null && secondary != Transport.NONE) {
            int s = byTransport[secondary.ordinal()];
            if (s >= 0 && up[s]) {
                return s;
            }
        }
        return -1;
    }
}
