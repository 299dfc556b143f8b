package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * What {@code wanlab up} leaves behind so that {@code down} and {@code status} find the lab after
 * the {@code up} process is gone: the run folder, the lab file, the pids of the node processes
 * (name to pid) and the start time. Stored as a small JSON file in the lab's folder,
 * {@code /run/wanlab/<lab>/lab.json} ({@link io.wanlab.core.topo.LabNames#stateFile}).
 */
public record LabState(Path runFolder, Path labFile, Map<String, Long> pids, Instant startedAt, BackendKind backend) {
    static final int VERSION = 1;
    private static final int MAX_FILE = 64 * 1024;

    public LabState {
        requireNonNull(runFolder, "runFolder");
        requireNonNull(labFile, "labFile");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(backend, "backend");
        Map<String, Long> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : requireNonNull(pids, "pids").entrySet()) {
            long pid = requireNonNull(e.getValue(), "pid of " + e.getKey());
            if (pid < 1) {
                throw new IllegalArgumentException("pid of " + e.getKey() + ": " + pid + " (expected: 1 or more)");
            }
            copy.put(requireNonNull(e.getKey(), "pid name"), pid);
        }
        pids = Collections.unmodifiableMap(copy);
    }

    /** A lab in namespaces. */
    public LabState(Path runFolder, Path labFile, Map<String, Long> pids, Instant startedAt) {
        this(runFolder, labFile, pids, startedAt, BackendKind.NAMESPACES);
    }

    /** The same state with one more (or a replaced) named pid. */
    public LabState withPid(String name, long pid) {
        Map<String, Long> more = new LinkedHashMap<>(pids);
        more.put(requireNonNull(name, "name"), pid);
        return new LabState(runFolder, labFile, more, startedAt, backend);
    }

    /** The state file's text: indented for people, members in a fixed order, pids in insertion order. */
    public String toJson() {
        return Json.writeIndented(g -> {
            g.writeStartObject()
                    .writeNumberProperty("version", VERSION)
                    .writeStringProperty("runFolder", runFolder.toString())
                    .writeStringProperty("labFile", labFile.toString())
                    .writeStringProperty("startedAt", startedAt.toString())
                    .writeStringProperty("backend", backend.label());
            g.writeObjectPropertyStart("pids");
            pids.forEach(g::writeNumberProperty);
            g.writeEndObject().writeEndObject();
        }) + "\n";
    }

    /**
     * Parses the state file's text strictly (it is ours: a repeated member or a pid that is not a
     * whole number means a bug or a bad hand edit); throws {@link IllegalArgumentException} naming
     * what is wrong.
     */
    public static LabState fromJson(String json) {
        requireNonNull(json, "json");
        JsonNode root;
        try {
            root = Json.strict().readTree(json);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new IllegalArgumentException("lab state: "
                    + (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ") + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("lab state: " + (root == null || root.isMissingNode() ? "empty" : "not a JSON object")
                    + " (expected: an object with version, runFolder, labFile, startedAt and pids)");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("lab state: version " + version + " (expected: " + VERSION + ")");
        }
        JsonNode rawPids = root.get("pids");
        if (rawPids == null || !rawPids.isObject()) {
            throw new IllegalArgumentException("lab state: pids " + rawPids + " (expected: an object of name to pid)");
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : rawPids.properties()) {
            JsonNode pid = e.getValue();
            if (!pid.isIntegralNumber() || !pid.canConvertToLong()) {
                throw new IllegalArgumentException("lab state: pid of " + e.getKey() + ": " + text(pid) + " (expected: an integer)");
            }
            pids.put(e.getKey(), pid.longValue());
        }
        Instant started;
        try {
            started = Instant.parse(string(root, "startedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("lab state: startedAt '" + text(root.get("startedAt"))
                    + "' (expected: an ISO-8601 instant such as 2025-01-01T12:00:00Z)");
        }
        // Written before containers existed: no member means namespaces.
        BackendKind backend = root.has("backend") ? BackendKind.fromLabel(string(root, "backend")) : BackendKind.NAMESPACES;
        return new LabState(Path.of(string(root, "runFolder")), Path.of(string(root, "labFile")), pids, started, backend);
    }

    private static String string(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.isString() || v.stringValue().isEmpty()) {
            throw new IllegalArgumentException("lab state: " + key + " " + text(v) + " (expected: a non-empty string)");
        }
        return v.stringValue();
    }

    /** A value as the message shows it: strings without quotes, absent as null. */
    private static String text(JsonNode v) {
        return v == null ? "null" : v.isString() ? v.stringValue() : v.toString();
    }

    /** Writes the file (creating its folder), through a temporary file and a rename so readers never see half of it. */
    public void write(Path file) throws IOException {
        requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".lab-", ".json.tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads the file; empty when there is none. Throws {@link IllegalArgumentException} naming the
     * file when it is malformed or larger than 64 KiB.
     */
    public static Optional<LabState> read(Path file) throws IOException {
        requireNonNull(file, "file");
        byte[] raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = in.readNBytes(MAX_FILE + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (raw.length > MAX_FILE) {
            throw new IllegalArgumentException(file + ": larger than " + MAX_FILE + " bytes (expected: a lab state file)");
        }
        try {
            return Optional.of(fromJson(new String(raw, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
