package io.wanlab.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.NetworkRule;
import org.junit.jupiter.api.Test;

class LabFixWriterTest {
    private final LabFileLoader loader = new LabFileLoader();

    @Test
    void docsExampleRoundTripsWithItsCommentsAndNoHazard() {
        String text = LintLabs.docExample();
        LabFile original = loader.parse("example.yaml", text);
        LabFile fixed = LabLint.fix(original);
        String written = LabFixWriter.write(text, original, fixed);
        LabFile reloaded = loader.parse("fixed.yaml", written);
        assertThat(reloaded.rules()).extracting(NetworkRule::name)
                .containsExactlyElementsOf(fixed.rules().stream().map(NetworkRule::name).toList());
        assertThat(reloaded.rules()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("location")
                .containsExactlyElementsOf(fixed.rules());
        assertThat(LabLint.lint(reloaded).ofKind(FindingKind.RESET_HAZARD)).isEmpty();
        assertThat(written).as("every line kept, only moved").hasLineCount(text.split("\n", -1).length - 1)
                .contains("rules:                        # ordered: the first rule that matches wins")
                .contains("    enabled: false");
        assertThat(written.lines().sorted().toList()).isEqualTo(text.lines().sorted().toList());
    }

    @Test
    void presetKeepsEachRulesCommentWithIt() {
        String text = LabPresets.text("bug");
        LabFile original = LabPresets.load("bug");
        String written = LabFixWriter.write(text, original, LabLint.fix(original));
        LabFile reloaded = loader.parse("fixed.yaml", written);
        assertThat(reloaded.rules()).extracting(NetworkRule::name)
                .containsExactly("Site A to Site B over Off-Cloud", "CRM over Cato");
        assertThat(LabLint.lint(reloaded).ofKind(FindingKind.RESET_HAZARD)).isEmpty();
        String block = written.substring(written.indexOf("rules:"));
        assertThat(block.indexOf("# Simple: sites only")).as("the simple rule's comment moved with it")
                .isLessThan(block.indexOf("name: Site A to Site B")).isLessThan(block.indexOf("# Complex:"));
        assertThat(LabFixWriter.write(text, original, original)).as("same order: same text").isSameAs(text);
    }

    @Test
    void refusesRulesItCannotMove() {
        String text = LintLabs.HEAD.formatted(true, "198.18.1.0/24", "198.18.2.0/24").replace("rules:\n",
                "rules: [{name: one, destination: [{site: site-b}], applications: [crm], primary: cato},"
                        + " {name: two, source: [{site: site-a}], primary: off-cloud}]\n");
        LabFile lab = loader.parse("flow.yaml", text);
        assertThatThrownBy(() -> LabFixWriter.write(text, lab, LabLint.fix(lab))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: rules as a block list");
    }
}
