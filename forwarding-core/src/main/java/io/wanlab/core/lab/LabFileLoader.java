package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Loads a YAML lab file (format: docs/lab-file.md) into a {@link LabFile}, or throws a
 * {@link LabFileException} listing every problem with its file, line and column. Hostile input
 * is bounded: file size, nesting depth, aliases and the values read are all limited. Stateless
 * and thread-safe; each call allocates only for its own document.
 */
public final class LabFileLoader {
    /** Far above any real lab file (the presets are about 3 KB). */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** A lab file nests about six levels (rules, a rule, source, an item, ...). */
    static final int MAX_DEPTH = 32;
    static final int MAX_ALIASES = 50;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .setAllowDuplicateKeys(true) // Fields reports repeated keys with both places
            .setCodePointLimit(MAX_FILE_BYTES)
            .setUseMarks(true)
            .build();

    /** Reads and parses a file; problems, including I/O ones, come as a {@link LabFileException}. */
    public LabFile load(Path file) {
        requireNonNull(file, "file");
        String source = file.toString();
        Problems problems = new Problems(source);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Reads one byte past the limit rather than trusting the size: a pipe or /dev/zero has none.
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw problems.abort(problems.file(), "file", "no such file (expected: a readable lab file)");
        } catch (AccessDeniedException e) {
            throw problems.abort(problems.file(), "file", "permission denied (expected: a readable lab file)");
        } catch (IOException e) {
            throw problems.abort(problems.file(), "file", "cannot read: " + e.getMessage()
                    + " (expected: a readable lab file)");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw problems.abort(problems.file(), "file", "larger than " + MAX_FILE_BYTES
                    + " bytes (expected: a lab file of ordinary size)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw problems.abort(problems.file(), "file", "not UTF-8 text (expected: a YAML file in UTF-8)");
        }
        return parse(source, text);
    }

    /** Parses lab-file text; {@code sourceName} is the file name that problems report. */
    public LabFile parse(String sourceName, String yaml) {
        requireNonNull(sourceName, "sourceName");
        requireNonNull(yaml, "yaml");
        Problems problems = new Problems(sourceName);
        if (yaml.length() > MAX_FILE_BYTES) {
            throw problems.abort(problems.file(), "file", "larger than " + MAX_FILE_BYTES
                    + " characters (expected: a lab file of ordinary size)");
        }
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        Node root = compose(text, problems);
        problems.throwIfAny();
        if (root == null) {
            throw problems.abort(problems.start(), "document", "empty document (expected: a mapping with "
                    + String.join(", ", LabFileReader.TOP_FIELDS) + ")");
        }
        LabFile lab = LabFileReader.read(new NodeReader(problems), root);
        problems.throwIfAny();
        if (lab == null) {
            // Every path that yields no lab reports why; this guards against a silent null.
            throw new IllegalStateException(sourceName + ": no lab file and no problem reported");
        }
        return lab;
    }

    /** The document's root node, or null for an empty document or after reporting a YAML error. */
    private static Node compose(String text, Problems problems) {
        DepthLimitedParser parser = new DepthLimitedParser(
                new ParserImpl(SETTINGS, new StreamReader(SETTINGS, text)), MAX_DEPTH);
        try {
            return new Composer(SETTINGS, parser).getSingleNode().orElse(null);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null || e.getContext().isEmpty() ? ""
                    : ", " + e.getContext() + e.getContextMark().map(m -> " at line " + (m.getLine() + 1)).orElse("");
            String expected = e instanceof DepthLimitedParser.TooDeepException
                    ? "at most " + MAX_DEPTH + " nested lists and mappings" : "valid YAML";
            problems.add(problems.at(mark), "yaml", e.getProblem() + context + " (expected: " + expected + ")");
        } catch (ReaderException e) {
            problems.add(at(text, e.getPosition(), problems), "yaml", e.getMessage()
                    + String.format(": U+%04X", e.getCodePoint()) + " (expected: printable text)");
        } catch (YamlEngineException e) {
            // The alias and size limits throw without a place; the last event read is close to it.
            problems.add(problems.at(parser.lastMark()), "yaml", e.getMessage() + " (expected: YAML within the lab"
                    + " file limits: text keys, at most " + MAX_ALIASES + " aliases to lists or mappings, at most "
                    + MAX_FILE_BYTES + " characters)");
        }
        return null;
    }

    /** Line and column of a code point index, for the one snakeyaml error that gives only an index. */
    private static Location at(String text, int codePointIndex, Problems problems) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; i += Character.charCount(text.codePointAt(i))) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            index++;
        }
        return new Location(problems.source(), line, column);
    }
}
