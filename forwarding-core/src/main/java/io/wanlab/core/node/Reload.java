package io.wanlab.core.node;

import io.wanlab.core.lab.LabFile;
import java.nio.file.Path;
import java.util.List;

/**
 * A node reconfigured between scenarios without rebuilding the lab: a new lab (rules, TLS
 * inspection) and a new folder for its captures and events. Links, TUNs and processes stay.
 */
public record Reload(LabFile lab, Path runDir) {

    /** Turns the words after "reload" on the control socket into a Reload (the command line knows how). */
    @FunctionalInterface
    public interface Parser {
        Reload parse(List<String> words);
    }
}
