package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labs of this machine as their folders under {@code /run/wanlab} show them: one folder per
 * lab that is up (or was not cleaned up), named by the lab, holding its state file and status sockets.
 */
public final class LabRuns {
    private LabRuns() {
    }

    /** Names of the labs that have a folder under {@code root}, sorted; anything not named like a lab is ignored. */
    public static List<String> withFolders(Path root) {
        requireNonNull(root, "root");
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (LabNames.labNameProblem(name) == null && Files.isDirectory(p)) {
                    out.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LabSetupException("cannot list the labs in " + root + ": " + e.getMessage());
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** A wanlab command line for a person, naming the lab only when it is not the default: {@code ./wanlab down --name lab2}. */
    public static String command(String lab, String verb) {
        requireNonNull(verb, "verb");
        return "./wanlab " + verb + (LabNames.DEFAULT_LAB.equals(LabNames.requireLabName(lab)) ? "" : " --name " + lab);
    }

    /**
     * The backend lab {@code lab} was brought up with: its state file says so; without one (a
     * crash), docker when containers or networks of that lab exist, else namespaces.
     */
    public static LabBackend backendOf(String lab) {
        LabNames.requireLabName(requireNonNull(lab, "lab"));
        try {
            java.util.Optional<LabState> state = LabState.read(LabNames.stateFile(lab));
            if (state.isPresent()) {
                return state.get().backend().of(lab);
            }
        } catch (IOException | IllegalArgumentException e) {
            // An unreadable state file: look at what exists instead.
        }
        DockerBackend docker = new DockerBackend(lab);
        return docker.list().isEmpty() ? new NamespaceBackend(lab) : docker;
    }
}
