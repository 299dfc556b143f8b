package io.wanlab.bench.diagnose;

import io.wanlab.bench.model.SocketModel;
import io.wanlab.core.event.Event;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.packet.Packets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a captured flow's client packets through the real decision code of the Socket of the
 * client's site ({@link SocketModel#replay}) and reads what it would do: the first packet's
 * decision, when identification happens, whether the flow switches transport mid-handshake, and so
 * whether the PoP's proxy and the server would reset it (DESIGN 1 and 7).
 */
public final class RulesReplay {
    /**
     * What the Socket would do with one flow.
     *
     * @param site           the client's site, or null when no site of the lab holds the client
     * @param firstPacket    the decision on the SYN
     * @param identification what identification found and on which frame, or null
     * @param switchFrame    the frame on which the flow switches transport, or 0
     * @param switched       "cato -> off-cloud by rule #2 'x'", or null
     * @param reset          the reset is predicted (undecided on the SYN, proxied, switched direct)
     * @param verdict        one sentence
     */
    public record Result(FlowId flow, String site, String firstPacket, String identification, long identifiedFrame,
            String switched, long switchFrame, boolean midHandshake, boolean reset, String verdict) {}

    private RulesReplay() {
    }

    static Result replay(LabFile lab, Set<Integer> proxiedPorts, Connection c, FlowReport report) {
        FlowId id = report.flow();
        Optional<Site> site = lab.siteOf(id.client());
        if (site.isEmpty()) {
            return new Result(id, null, null, null, 0, null, 0, false, false,
                    "client " + io.wanlab.core.net.Ipv4.format(id.client()) + " is in no site of lab '" + lab.name() + "': not replayed");
        }
        List<byte[]> packets = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        if (!report.sawSyn()) {
            // The capture starts after the SYN (a server-side capture of the failure): the Socket saw one, so give it one.
            Segment first = c.segments().stream().filter(s -> s.from(id.client(), id.clientPort()) && s.hasPayload())
                    .findFirst().orElseThrow();
            ByteBuf syn = Packets.syn(id.client(), id.clientPort(), id.server(), id.serverPort(), (int) (first.seq() - 1));
            packets.add(ByteBufUtil.getBytes(syn));
            syn.release();
            frames.add(0L);
        }
        for (Segment s : c.segments()) {
            if (s.from(id.client(), id.clientPort())) {
                packets.add(s.ipv4());
                frames.add(s.frame());
            }
        }
        List<SocketModel.Step> steps = SocketModel.replay(lab, id.client(), packets);
        String firstPacket = null;
        boolean undecided = false;
        String identification = null;
        long identifiedFrame = 0;
        String switched = null;
        long switchFrame = 0;
        Transport last = null;
        for (int i = 0; i < steps.size(); i++) {
            SocketModel.Step step = steps.get(i);
            long frame = frames.get(i);
            for (Event e : step.events()) {
                if (e instanceof Event.FlowDecided d && i == 0) {
                    firstPacket = "decided by rule #" + (d.ruleIndex() + 1) + " '" + d.ruleName() + "': " + d.transport();
                } else if (e instanceof Event.FlowUndecided u) {
                    undecided = true;
                    firstPacket = "undecided: rule #" + (u.blockingRuleIndex() + 1) + " '" + u.ruleName()
                            + "' is complex, the SYN goes over cato";
                } else if (e instanceof Event.AppIdentified a && identification == null) {
                    identification = a.kind() + " " + a.serverName()
                            + (a.application() == null ? " (no application)" : " = application " + a.application());
                    identifiedFrame = frame;
                } else if (e instanceof Event.AppGaveUp g && identification == null) {
                    identification = "gave up: " + g.reason();
                    identifiedFrame = frame;
                } else if (e instanceof Event.FlowSwitched s && switched == null) {
                    switched = s.fromTransport() + " -> " + s.toTransport() + " by rule #" + (s.ruleIndex() + 1) + " '"
                            + s.ruleName() + "'";
                    switchFrame = frame;
                }
            }
            if (step.transport() != null) {
                last = step.transport();
            }
        }
        Transport synTransport = steps.isEmpty() ? null : steps.getFirst().transport();
        boolean mid = switched != null && synTransport != null && last != null && synTransport != last;
        boolean proxied = lab.account().tlsInspection() && proxiedPorts.contains(id.serverPort());
        boolean reset = undecided && synTransport == Transport.CATO && mid && last.isDirect() && proxied;
        String verdict;
        if (firstPacket == null) {
            verdict = "the Socket dropped the SYN (no link for its transport)";
        } else if (reset) {
            verdict = "RESET predicted: the PoP's proxy completes the handshake, then the flow switches to " + last
                    + " and the server, which never saw the SYN, answers RST";
        } else if (mid) {
            verdict = "switches to " + last + " mid-handshake, not reset (" + (lab.account().tlsInspection()
                    ? "port " + id.serverPort() + " is not proxied" : "TLS inspection off: the PoP passed the SYN through") + ")";
        } else if (undecided && identification == null) {
            verdict = "undecided, stays on cato: the capture has no client payload to identify";
        } else {
            verdict = "no reset: the flow keeps " + (last == null ? "no transport" : last) + " from its first packet";
        }
        return new Result(id, site.get().name(), firstPacket, identification, identifiedFrame, switched, switchFrame, mid,
                reset, verdict);
    }
}
