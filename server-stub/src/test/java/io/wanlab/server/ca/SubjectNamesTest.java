package io.wanlab.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectNamesTest {
    @Test
    void splitsNamesFromIpLiteralsWithoutLookups() {
        SubjectNames names = SubjectNames.of("App.Site-B.lab.", "198.18.2.10", "[::1]", "*.site-b.lab", "app.site-b.lab");

        assertThat(names.dnsNames()).as("lower-cased, trailing dot dropped, duplicates merged")
                .containsExactly("app.site-b.lab", "*.site-b.lab");
        assertThat(names.ipAddresses()).extracting(a -> a.getHostAddress())
                .containsExactly("198.18.2.10", "0:0:0:0:0:0:0:1");
        assertThat(names.primary()).isEqualTo("app.site-b.lab");
    }

    @Test
    void primaryIsTheFirstAddressWhenThereIsNoDnsName() {
        assertThat(SubjectNames.of("127.0.0.1").primary()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest(name = "{index}: ''{0}''")
    @ValueSource(strings = {"", " ", "app..lab", ".app.lab", "-app.lab", "app-.lab", "app_1.lab", "app lab",
            "*", "*.", "a.*.lab", "app.lab/evil", "xn--é.lab", "0123456789012345678901234567890123456789012345678901234567890123.lab"})
    void refusesWhatIsNeitherADnsNameNorAnAddress(String name) {
        assertThatThrownBy(() -> SubjectNames.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DNS name");
    }

    @Test
    void refusesNoNamesAndTooManyNames() {
        assertThatThrownBy(() -> SubjectNames.of(List.of())).hasMessageContaining("at least one");
        List<String> many = java.util.stream.IntStream.range(0, SubjectNames.MAX_NAMES + 1).mapToObj(i -> "h" + i + ".lab").toList();
        assertThatThrownBy(() -> SubjectNames.of(many)).hasMessageContaining("at most " + SubjectNames.MAX_NAMES);
    }

    @Test
    void refusesAnOverlongName() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label);
        assertThat(name.length()).isGreaterThan(253);
        assertThat(SubjectNames.isDnsName(name)).isFalse();
        assertThat(SubjectNames.isDnsName(name.substring(0, 253 - 1).replaceAll("\\.$", "a"))).isTrue();
    }
}
