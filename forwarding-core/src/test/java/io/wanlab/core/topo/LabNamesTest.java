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
    void theDefaultLabKeepsTodaysNamesAndEveryNameStaysWithin64() {
        assertThat(LabNames.namespace(LabNames.DEFAULT_LAB, "pop")).isEqualTo("wanlab-pop");
        assertThat(LabNames.namespace("lab2", "socket-a")).isEqualTo("lab2-socket-a");
        assertThat(LabNames.namespace("a".repeat(16), "n".repeat(47))).hasSize(64);
        assertThatThrownBy(() -> LabNames.namespace("wanlab", "n".repeat(48))).hasMessageStartingWith("node name: '");
        assertThat(LabNames.nodeOf("wanlab", "wanlab-socket-a")).isEqualTo("socket-a");
        assertThatThrownBy(() -> LabNames.nodeOf("wanlab", "socket-a"))
                .hasMessage("namespace: 'socket-a' (expected: wanlab-<node>)");
    }

    @Test
    void socketsAndStateLiveInTheLabsOwnFolder() {
        assertThat(LabNames.statusSocket("wanlab", "socket-a")).hasToString("/run/wanlab/wanlab/socket-a.sock");
        assertThat(LabNames.statusSocket("lab2", "pop")).hasToString("/run/wanlab/lab2/pop.sock");
        assertThat(LabNames.stateFile("lab2")).hasToString("/run/wanlab/lab2/lab.json");
        assertThatThrownBy(() -> LabNames.statusSocket("lab2", "../x")).hasMessageStartingWith("node name: '../x'");
        assertThatThrownBy(() -> LabNames.runFolder("..")).hasMessageStartingWith("lab name: '..'");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"wanlab", "t1", "a", "lab2", "abcdefghijklmnop"})
    void goodLabNames(String lab) {
        assertThat(LabNames.labNameProblem(lab)).isNull();
    }

    @ParameterizedTest(name = "{index}: \"{0}\"")
    @ValueSource(strings = {"", "1lab", "Lab", "my-lab", "my_lab", "lab.2", "../x", "abcdefghijklmnopq", "l\u00e4b"})
    void badLabNamesAreRefusedWithTheExpectedForm(String lab) {
        assertThat(LabNames.labNameProblem(lab)).isEqualTo("lab name: '" + lab + "' (expected: 1..16 characters of a-z"
                + " and 0-9, starting with a letter, such as wanlab or lab2)");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"", "-a", ".", "..", "a/b", "a b", "a.b", "wanlab-x/../y"})
    void badNodeNamesAreRefused(String node) {
        assertThat(LabNames.nodeNameProblem(node)).startsWith("node name: '" + node + "'");
        assertThat(LabNames.isNamespaceOf("wanlab", "wanlab-" + node)).isFalse();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"wanlab", "wanlab-", "xwanlab-a", "Wanlab-a", "netns-wanlab-a", "wanlab2-pop", "lab2-pop"})
    void namespacesOfOtherLabsOrNoLabAreNotTheDefaultLabs(String ns) {
        assertThat(LabNames.isNamespaceOf("wanlab", ns)).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{index}: {0} of {1}")
    @CsvSource({"wanlab-pop, wanlab", "lab2-socket-a, lab2", "t1-client, t1"})
    void aNamespaceBelongsToExactlyOneLab(String ns, String lab) {
        assertThat(LabNames.isNamespaceOf(lab, ns)).isTrue();
        for (String other : java.util.List.of("wanlab", "lab2", "t1", "t", "lab")) {
            if (!other.equals(lab)) {
                assertThat(LabNames.isNamespaceOf(other, ns)).as("%s is not lab %s's", ns, other).isFalse();
            }
        }
    }

    @Test
    void underlayAddressesFollowTheLinkNumber() {
        assertThat(LabAddresses.underlay(1, true)).hasToString("198.19.1.1/30");
        assertThat(LabAddresses.underlay(250, false)).hasToString("198.19.250.2/30");
        assertThatThrownBy(() -> LabAddresses.underlay(251, true)).hasMessage("link number: 251 (expected: 1..250)");
        assertThatThrownBy(() -> LabAddresses.underlay(0, true)).hasMessage("link number: 0 (expected: 1..250)");
    }
}
