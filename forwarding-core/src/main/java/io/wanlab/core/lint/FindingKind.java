package io.wanlab.core.lint;

/** What a lint finding is about; the names are stable, for {@code --json} and scripts. */
public enum FindingKind {
    /** A complex rule above an overlapping simple direct rule: TCP flows on proxied ports are reset mid-handshake. */
    RESET_HAZARD,
    /** An enabled rule that never decides a flow: earlier rules take all of its traffic. */
    SHADOWED,
    /** A domain that two applications claim: the earlier application wins it. */
    DOMAIN_CONFLICT,
    /** A rule's direct transport has no link of that kind between the Sockets it would join. */
    NO_LINK
}
