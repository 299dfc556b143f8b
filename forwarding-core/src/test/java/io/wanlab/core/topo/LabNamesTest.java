package io.wanlab.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabNamesTest {
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource({
            "cato-a, l-cato-a",
            "off-cloud, l-off-cloud",
            "a-very-long-link-name, l-a-very-long-l",
            "wan.1/b c, l-wan-1-b-c",
            "ünï, l--n-"})
    void linkDevicesAreSanitizedAndCutTo15(String link, String device) {
        assertThat(LabNames.linkDevice(link)).isEqualTo(device).hasSizeLessThanOrEqualTo(15);
    }

    @Test
    void namespacesCarryThePrefixAndStayWithin64() {
        assertThat(LabNames.namespace("pop")).isEqualTo("wanlab-pop");
        assertThat(LabNames.namespace("n".repeat(57))).hasSize(64);
        assertThatThrownBy(() -> LabNames.namespace("n".repeat(58))).hasMessageStartingWith("node name: '");
        assertThat(LabNames.nodeOf("wanlab-socket-a")).isEqualTo("socket-a");
        assertThatThrownBy(() -> LabNames.nodeOf("socket-a"))
                .hasMessage("namespace: 'socket-a' (expected: wanlab-<node>)");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"", "-a", ".", "..", "a/b", "a b", "a.b", "wanlab-x/../y"})
    void badNodeNamesAreRefused(String node) {
        assertThat(LabNames.nodeNameProblem(node)).startsWith("node name: '" + node + "'");
        assertThat(LabNames.isLabNamespace("wanlab-" + node)).isFalse();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"wanlab", "wanlab-", "xwanlab-a", "Wanlab-a", "netns-wanlab-a"})
    void foreignNamespacesAreNotTheLabs(String ns) {
        assertThat(LabNames.isLabNamespace(ns)).isFalse();
    }

    @Test
    void underlayAddressesFollowTheLinkNumber() {
        assertThat(LabAddresses.underlay(1, true)).hasToString("198.19.1.1/30");
        assertThat(LabAddresses.underlay(250, false)).hasToString("198.19.250.2/30");
        assertThatThrownBy(() -> LabAddresses.underlay(251, true)).hasMessage("link number: 251 (expected: 1..250)");
        assertThatThrownBy(() -> LabAddresses.underlay(0, true)).hasMessage("link number: 0 (expected: 1..250)");
    }
}
