package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.node.NodeAccounting;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;

/**
 * The PoP's books (DESIGN 4.5): counts each packet at the edges of {@link PopSteering}, on the
 * path it took. Ingress: {@code <tunnel> in} (from a Socket's tunnel: to another tunnel, to the
 * kernel, or dropped) and {@code kernel in} (read from the TUN, what the PoP's own kernel sent:
 * routed to a tunnel or dropped); egress: {@code <tunnel> out} (kept by the endpoint) and
 * {@code kernel out} (written into the TUN, or refused). Owned by the PoP's event loop; outlives
 * reloads, as the kernel's counters do.
 */
public final class PopAccounting {
    private final NodeAccounting books = new NodeAccounting();
    private final PathCounters[] tunnelIn;
    private final PathCounters kernelIn;
    private final PathCounters kernelOut;

    /**
     * @param tunnelSending each tunnel's sending side, by link index (the endpoints' own counters)
     * @param tunnelDevices each tunnel's veth, by link index (for the kernel's counters)
     */
    public PopAccounting(String tunName, PopRouter router, PathCounters[] tunnelSending, String[] tunnelDevices) {
        requireNonNull(tunName, "tunName");
        int n = requireNonNull(router, "router").links().size();
        if (tunnelSending.length != n || tunnelDevices.length != n) {
            throw new IllegalArgumentException("tunnels: " + tunnelSending.length + " sending sides and " + tunnelDevices.length
                    + " devices (expected: " + n + " each)");
        }
        tunnelIn = new PathCounters[n];
        for (int i = 0; i < n; i++) {
            tunnelIn[i] = books.ingress(router.links().get(i).name() + " in", tunnelDevices[i], false);
        }
        // What the PoP's kernel (the TCP proxy) transmits on the TUN reaches us as a read.
        kernelIn = books.ingress("kernel in", tunName, true);
        for (int i = 0; i < n; i++) {
            books.egress(tunnelSending[i], tunnelDevices[i], true);
        }
        kernelOut = books.egress("kernel out", tunName, false);
    }

    public NodeAccounting books() {
        return books;
    }

    /** {@link PopSteering#fromTunnel}, counted: a link, {@link PopSteering#TO_TUN} or {@link PopSteering#DROP}. */
    public int fromTunnel(PopSteering steering, ByteBuf packet, int link) {
        return fromTunnel(steering, packet, Offload.NONE, link);
    }

    /** Like {@link #fromTunnel(PopSteering, ByteBuf, int)}; {@link Offload#INVALID} metadata is dropped as bad-offload. */
    public int fromTunnel(PopSteering steering, ByteBuf packet, long offload, int link) {
        tunnelIn[link].countIn();
        if (offload == Offload.INVALID) {
            tunnelIn[link].drop(DropReason.BAD_OFFLOAD);
            return PopSteering.DROP;
        }
        int out = steering.fromTunnel(packet, link);
        if (out == PopSteering.DROP) {
            tunnelIn[link].drop(steering.router().lastDrop());
        } else {
            tunnelIn[link].countOut();
        }
        return out;
    }

    /** {@link PopSteering#fromTun}, counted: a link or {@link PopSteering#DROP}. */
    public int fromKernel(PopSteering steering, ByteBuf packet) {
        kernelIn.countIn();
        int out = steering.fromTun(packet);
        if (out < 0) {
            kernelIn.drop(steering.router().lastDrop());
        } else {
            kernelIn.countOut();
        }
        return out;
    }

    /** Writes a packet into the TUN (to the PoP's kernel) and counts what the kernel did with it. Does not release it. */
    public void toKernel(TunDevice device, ByteBuf packet) {
        toKernel(device, packet, Offload.NONE);
    }

    /** Like {@link #toKernel(TunDevice, ByteBuf)} with the packet's offload metadata. */
    public void toKernel(TunDevice device, ByteBuf packet, long offload) {
        kernelOut.countIn();
        try {
            if (device.write(packet, offload)) {
                kernelOut.countOut();
            } else {
                kernelOut.drop(DropReason.TUN_WRITE_REFUSED);
            }
        } catch (IOException e) {
            kernelOut.drop(DropReason.TUN_WRITE_ERROR);
        }
    }

    public long tunWriteDrops() {
        return kernelOut.dropped();
    }
}
