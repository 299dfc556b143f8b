package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The built-in lab files, shipped as resources: the seed article's failure ({@code bug},
 * {@code bug-alt-wan}) and its fix by rule order ({@code fixed}, {@code fixed-alt-wan}).
 * Problems name the source {@code <preset NAME>}. Stateless and thread-safe; each load parses anew.
 */
public final class LabPresets {
    private static final List<String> NAMES = List.of("bug", "fixed", "bug-alt-wan", "fixed-alt-wan");
    private static final LabFileLoader LOADER = new LabFileLoader();

    private LabPresets() {
    }

    /** The preset names, the failure before its fix. */
    public static List<String> names() {
        return NAMES;
    }

    /** Loads a preset; throws {@link IllegalArgumentException} for a name not in {@link #names()}. */
    public static LabFile load(String presetName) {
        return LOADER.parse("<preset " + presetName + ">", text(presetName));
    }

    /** A preset's YAML text, as shipped (for tools that rewrite it, such as {@code check --write-fix}). */
    public static String text(String presetName) {
        requireNonNull(presetName, "presetName");
        if (!NAMES.contains(presetName)) {
            // Checked against the list, never used as a path as given: "../x" must not reach a resource.
            throw new IllegalArgumentException("preset: " + NodeReader.quote(presetName)
                    + Suggestions.didYouMean(presetName, NAMES) + " (expected: " + NodeReader.oneOf(NAMES) + ")");
        }
        String resource = "presets/" + presetName + ".yaml";
        try (InputStream in = LabPresets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset " + presetName + ": resource " + resource
                        + " missing (expected: in the forwarding-core jar)");
            }
            byte[] bytes = in.readNBytes(LabFileLoader.MAX_FILE_BYTES + 1);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("preset " + presetName + ": cannot read " + resource, e);
        }
    }
}
