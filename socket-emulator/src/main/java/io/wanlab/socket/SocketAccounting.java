package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.node.NodeAccounting;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;

/**
 * The Socket's books (DESIGN 4.5): counts each packet at the edges of {@link FlowSteering}, on
 * the path it took. Ingress: {@code lan} (read from the TUN, handed to a link or dropped) and
 * {@code <link> in} (arrived in a link's frames, handed to the TUN or dropped); egress:
 * {@code <link> out} (kept by the link's endpoint) and {@code tun} (written into the TUN, or
 * refused by the kernel). Owned by the Socket's event loop; outlives reloads, as the kernel's
 * counters do.
 */
public final class SocketAccounting {
    private final NodeAccounting books = new NodeAccounting();
    private final PathCounters lan;
    private final PathCounters[] linkIn;
    private final PathCounters tun;

    /**
     * @param linkSending each link's sending side, by link index (the endpoints' own counters)
     * @param linkDevices each link's veth, by link index (for the kernel's counters)
     */
    public SocketAccounting(String tunName, SocketLinks links, PathCounters[] linkSending, String[] linkDevices) {
        requireNonNull(tunName, "tunName");
        requireNonNull(links, "links");
        if (linkSending.length != links.size() || linkDevices.length != links.size()) {
            throw new IllegalArgumentException("links: " + linkSending.length + " sending sides and " + linkDevices.length
                    + " devices (expected: " + links.size() + " each)");
        }
        // The kernel hands us what it transmits on the TUN (tx) and takes what we write (rx).
        lan = books.ingress("lan", tunName, true);
        linkIn = new PathCounters[links.size()];
        for (int i = 0; i < links.size(); i++) {
            linkIn[i] = books.ingress(links.link(i).name() + " in", linkDevices[i], false);
        }
        for (int i = 0; i < links.size(); i++) {
            books.egress(linkSending[i], linkDevices[i], true);
        }
        tun = books.egress("tun", tunName, false);
    }

    public NodeAccounting books() {
        return books;
    }

    /** {@link FlowSteering#fromLan}, counted: the link to hand the packet to, or {@link FlowSteering#DROP}. */
    public int fromLan(FlowSteering steering, ByteBuf packet) {
        lan.countIn();
        int link = steering.fromLan(packet);
        if (link < 0) {
            lan.drop(steering.lastDrop());
        } else {
            lan.countOut();
        }
        return link;
    }

    /** {@link FlowSteering#fromLink}, counted: {@link FlowSteering#TO_LAN} or {@link FlowSteering#DROP}. */
    public int fromLink(FlowSteering steering, ByteBuf packet, int link) {
        return fromLink(steering, packet, Offload.NONE, link);
    }

    /**
     * Like {@link #fromLink(FlowSteering, ByteBuf, int)} for a packet with its offload metadata:
     * metadata the decoder found not to fit its packet ({@link Offload#INVALID}) is dropped here,
     * counted as bad-offload, before steering sees it. A super-packet counts as one packet.
     */
    public int fromLink(FlowSteering steering, ByteBuf packet, long offload, int link) {
        linkIn[link].countIn();
        if (offload == Offload.INVALID) {
            linkIn[link].drop(DropReason.BAD_OFFLOAD);
            return FlowSteering.DROP;
        }
        int verdict = steering.fromLink(packet, link);
        if (verdict == FlowSteering.TO_LAN) {
            linkIn[link].countOut();
        } else {
            linkIn[link].drop(steering.lastDrop());
        }
        return verdict;
    }

    /** Writes a packet into the TUN and counts what the kernel did with it. Does not release it. */
    public void toTun(TunDevice device, ByteBuf packet) {
        toTun(device, packet, Offload.NONE);
    }

    /** Like {@link #toTun(TunDevice, ByteBuf)} with the packet's offload metadata (one packet in the books, whole or cut). */
    public void toTun(TunDevice device, ByteBuf packet, long offload) {
        tun.countIn();
        try {
            if (device.write(packet, offload)) {
                tun.countOut();
            } else {
                tun.drop(DropReason.TUN_WRITE_REFUSED);
            }
        } catch (IOException e) {
            tun.drop(DropReason.TUN_WRITE_ERROR);
        }
    }

    /** Drops written into the TUN that the kernel refused or failed. */
    public long tunWriteDrops() {
        return tun.dropped();
    }
}
