package io.wanlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code wanlab --help} lists each subcommand with the first line of its description only, so that
 * line must be one whole, short sentence: a long first line is shown cut mid-sentence.
 */
class WanlabUsageTest {

    /** Every command that lists subcommands: the top level and its groups (bench, node). */
    static Stream<String> commandsWithSubcommands() {
        return Stream.of("wanlab", "bench", "node");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("commandsWithSubcommands")
    void everyListedSummaryIsOneWholeSentence(String name) {
        CommandLine top = new CommandLine(new Wanlab());
        CommandLine command = name.equals("wanlab") ? top : top.getSubcommands().get(name);
        String usage = command.getUsageMessage(Ansi.OFF);

        Map<String, String> listed = listedSummaries(usage);

        assertThat(listed.keySet()).as("every subcommand is listed in:%n%s", usage)
                .containsExactlyElementsOf(command.getSubcommands().keySet());
        listed.forEach((sub, summary) -> {
            String firstLine = command.getSubcommands().get(sub).getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as("'%s %s' is listed with its whole first description line", name, sub)
                    .isEqualTo(firstLine);
            assertThat(summary).as("'%s %s' summary is a sentence with a full stop", name, sub).endsWith(".");
            assertThat(firstLine.length()).as("'%s %s' summary is short: %s", name, sub, firstLine)
                    .isLessThanOrEqualTo(75);
        });
    }

    /** The "Commands:" section: an entry starts at column 2, wrapped lines are indented further. */
    private static Map<String, String> listedSummaries(String usage) {
        Map<String, String> summaries = new LinkedHashMap<>();
        String current = null;
        boolean inCommands = false;
        for (String line : usage.split("\\R")) {
            if (line.equals("Commands:")) {
                inCommands = true;
                continue;
            }
            if (!inCommands) {
                continue;
            }
            if (line.isBlank() || !line.startsWith("  ")) {
                break;
            }
            if (line.charAt(2) != ' ') {
                String[] nameAndText = line.strip().split("\\s+", 2);
                current = nameAndText[0];
                summaries.put(current, nameAndText.length > 1 ? nameAndText[1] : "");
            } else {
                summaries.merge(current, " " + line.strip(), String::concat);
            }
        }
        return summaries;
    }
}
