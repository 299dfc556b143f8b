package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4Prefix;
import io.wanlab.core.packet.DropCounters;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PacketView;
import java.util.ArrayList;
import java.util.List;

/**
 * The PoP's routing (DESIGN 4.2): an inner packet goes to the tunnel of the site whose subnet
 * holds its destination. Owned by the PoP's event loop; allocates nothing per packet.
 */
public final class PopRouter {
    public static final int DROP = -1;

    private final List<LinkSpec> links;
    private final int[] prefixAddress;
    private final int[] prefixMask;
    private final int[] prefixLink;
    private final PacketView view = new PacketView();
    private final DropCounters drops = new DropCounters();
    private long noSite;
    private DropReason lastDrop = DropReason.NONE;
    private long routed;

    private PopRouter(List<LinkSpec> links, List<int[]> routes) {
        this.links = List.copyOf(links);
        prefixAddress = new int[routes.size()];
        prefixMask = new int[routes.size()];
        prefixLink = new int[routes.size()];
        for (int i = 0; i < routes.size(); i++) {
            prefixAddress[i] = routes.get(i)[0];
            prefixMask[i] = routes.get(i)[1];
            prefixLink[i] = routes.get(i)[2];
        }
    }

    /** The PoP's cato links (in file order) and a route per site subnet to its Socket's link. */
    public static PopRouter of(LabFile lab) {
        requireNonNull(lab, "lab");
        List<LinkSpec> mine = new ArrayList<>();
        for (LinkSpec l : lab.links()) {
            if (l.kind() == LinkKind.CATO && (l.from().equals("pop") || l.to().equals("pop"))) {
                mine.add(l);
            }
        }
        List<int[]> routes = new ArrayList<>();
        for (Site site : lab.sites()) {
            int link = -1;
            for (int i = 0; i < mine.size(); i++) {
                LinkSpec l = mine.get(i);
                if (l.from().equals(site.socket()) || l.to().equals(site.socket())) {
                    link = i;
                    break;
                }
            }
            if (link < 0) {
                throw new IllegalArgumentException("site '" + site.name() + "': no cato link from " + site.socket()
                        + " to pop (expected: one per site)");
            }
            for (Ipv4Prefix p : site.subnets()) {
                routes.add(new int[] {p.address(), Ipv4Prefix.mask(p.length()), link});
            }
        }
        return new PopRouter(mine, routes);
    }

    public List<LinkSpec> links() {
        return links;
    }

    public int indexOf(String linkName) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).name().equals(linkName)) {
                return i;
            }
        }
        return -1;
    }

    /** The link towards the packet's destination site, or {@link #DROP} (counted). */
    public int route(ByteBuf packet) {
        lastDrop = view.wrap(packet, packet.readerIndex(), packet.readableBytes(), drops);
        if (lastDrop != DropReason.NONE) {
            return DROP;
        }
        int dst = view.dstAddress();
        for (int i = 0; i < prefixAddress.length; i++) {
            if ((dst & prefixMask[i]) == prefixAddress[i]) {
                routed++;
                return prefixLink[i];
            }
        }
        noSite++;
        lastDrop = DropReason.NO_SITE;
        return DROP;
    }

    /** The view of the packet last routed: valid until the next call. */
    public PacketView view() {
        return view;
    }

    /** Why the last packet was dropped ({@link #DROP}), or {@link DropReason#NONE}: for the node's per-path accounting. */
    public DropReason lastDrop() {
        return lastDrop;
    }

    public DropCounters drops() {
        return drops;
    }

    public long noSite() {
        return noSite;
    }

    public long routed() {
        return routed;
    }
}
