package io.wanlab.core.json;

import static java.util.Objects.requireNonNull;

import java.io.StringWriter;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson for JSON that wanlab writes and reads back itself: compact output, and strict input
 * (a repeated member name is an error, not "last wins", because it can only mean a bug or a
 * hand edit gone wrong). Input that someone else writes (iperf3's report) gets its own, lenient
 * mapper where it is read. Both mappers are immutable and safe from any thread.
 */
public final class Json {
    /** Deeper than any document of ours; a limit so a hostile file cannot exhaust the stack. */
    public static final int MAX_DEPTH = 32;

    /**
     * Strict: duplicate members refused, trailing tokens refused, nesting bounded. Output: compact;
     * '/' as is (paths stay readable); non-ASCII text as UTF-8 except surrogates, see
     * {@link SurrogateEscapes}.
     */
    /**
     * The token stream factory: writing needs nothing more, and it is built in a few milliseconds,
     * where a mapper costs about 150 ms of a node's start (every node writes events and status from
     * its first moment, and the launcher waits for each node's first status answer).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new SurrogateEscapes())
            .build();

    /** The strict mapper, for reading (and data binding): built on first use only. */
    public static JsonMapper strict() {
        return Strict.MAPPER;
    }

    private static final class Strict {
        static final JsonMapper MAPPER = JsonMapper.builder(FACTORY).build();
    }

    /**
     * For files people read (the lab state): two-space indent, {@code "name": value}, one member
     * per line, empty objects as {@code {}}, newlines as {@code \n} on every platform.
     */
    private static final DefaultPrettyPrinter FOR_PEOPLE = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /**
     * Runs {@code body} against a compact generator and returns what it wrote; {@code body} must
     * write exactly one complete value (Jackson refuses a misplaced name or end).
     */
    public static String write(Consumer<JsonGenerator> body) {
        requireNonNull(body, "body");
        StringWriter out = new StringWriter(192);
        try (JsonGenerator g = FACTORY.createGenerator(new Context(null), out)) {
            complete(g, body);
        }
        return out.toString();
    }

    /** As {@link #write}, indented for people (see the layout above); no trailing newline. */
    public static String writeIndented(Consumer<JsonGenerator> body) {
        requireNonNull(body, "body");
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(new Context(FOR_PEOPLE.createInstance()), out)) {
            complete(g, body);
        }
        return out.toString();
    }

    /** What a generator asks of its context: our escapes, and a pretty printer or none. No data binding. */
    private static final class Context extends ObjectWriteContext.Base {
        private final PrettyPrinter pretty;

        Context(PrettyPrinter pretty) {
            this.pretty = pretty;
        }

        @Override
        public CharacterEscapes getCharacterEscapes() {
            return FACTORY.getCharacterEscapes();
        }

        @Override
        public PrettyPrinter getPrettyPrinter() {
            return pretty;
        }

        @Override
        public boolean hasPrettyPrinter() {
            return pretty != null;
        }

        @Override
        public TokenStreamFactory tokenStreamFactory() {
            return FACTORY;
        }
    }

    private static void complete(JsonGenerator g, Consumer<JsonGenerator> body) {
        body.accept(g);
        if (!g.streamWriteContext().inRoot() || g.streamWriteContext().getEntryCount() != 1) {
            throw new IllegalStateException("json: the body wrote " + (g.streamWriteContext().inRoot()
                    ? g.streamWriteContext().getEntryCount() + " values" : "an unfinished value") + " (expected: one complete value)");
        }
    }
}
