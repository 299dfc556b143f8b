package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.wanlab.core.json.Json;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A device node's control-socket requests, answered on its event loop (which owns the state):
 * {@code status}, {@code reload <words>} and, on nodes with links, {@code link show} and
 * {@code link set LINK <words>} ({@link LinkControl}). Every failure becomes a JSON answer with the reason.
 */
public final class ControlRequests {
    /** What the node does for a reload, on its event loop. */
    @FunctionalInterface
    public interface Reloader {
        String reload(Reload reload) throws Exception;
    }

    private final EventLoop loop;
    private final Callable<String> status;
    private final Reload.Parser parser;
    private final Reloader reloader;
    private final LinkControl links;

    public ControlRequests(EventLoop loop, Callable<String> status, Reload.Parser parser, Reloader reloader) {
        this(loop, status, parser, reloader, null);
    }

    /** {@code links}: the node's link control, or null for a node without links. */
    public ControlRequests(EventLoop loop, Callable<String> status, Reload.Parser parser, Reloader reloader, LinkControl links) {
        this.links = links;
        this.loop = requireNonNull(loop, "loop");
        this.status = requireNonNull(status, "status");
        this.parser = requireNonNull(parser, "parser");
        this.reloader = requireNonNull(reloader, "reloader");
    }

    /** Called on the control socket's thread. */
    public String answer(String request) {
        List<String> words = List.of(request.trim().split("\\s+"));
        try {
            if (words.getFirst().equals("status")) {
                return loop.submit(status).get(2, TimeUnit.SECONDS);
            }
            if (words.getFirst().equals("reload")) {
                Reload r = parser.parse(words.subList(1, words.size()));
                return loop.submit(() -> reloader.reload(r)).get(5, TimeUnit.SECONDS);
            }
            if (words.getFirst().equals("link") && links != null) {
                List<String> rest = words.subList(1, words.size());
                return loop.submit(() -> links.answer(rest)).get(2, TimeUnit.SECONDS);
            }
            return error("unknown request '" + words.getFirst() + "' (expected: status" + (links != null ? ", reload ... or link ..." : " or reload ...") + ")");
        } catch (Exception e) {
            return error(words.getFirst() + ": " + e.getMessage());
        }
    }

    public static String error(String message) {
        return Json.write(g -> g.writeStartObject().writeBooleanProperty("ok", false).writeStringProperty("error", message)
                .writeEndObject());
    }
}
