package io.wanlab.core.appid;

import static java.util.Objects.requireNonNull;

/** Identification is impossible for this flow; {@code reason} says which byte or bound ruled it out. */
public record GaveUp(String reason) implements Identification {
    public GaveUp {
        requireNonNull(reason, "reason");
    }
}
