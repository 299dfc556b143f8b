package io.wanlab.core.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps docs/lab-file.md true: its examples are loaded here, and must give what the page says. */
class LabFileDocTest {
    /** Maven runs tests in the module folder; the doc lives at the repository root. */
    private static final Path DOC = Path.of("..", "docs", "lab-file.md");
    private static final LabFileLoader LOADER = new LabFileLoader();
    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(DOC);
    }

    @Test
    void fullExampleLoadsAsDocumented() {
        LabFile lab = LOADER.parse("example.yaml", block("<!-- example: full -->", "```yaml"));

        assertThat(lab.name()).isEqualTo("three-sites");
        assertThat(lab.account()).isEqualTo(new Account(true));
        assertThat(lab.sites()).extracting(Site::name).containsExactly("site-a", "site-b", "site-c");
        assertThat(lab.site("site-b").orElseThrow().subnets())
                .containsExactly(Ipv4Prefix.parse("198.18.2.0/24"), Ipv4Prefix.parse("198.18.20.0/24"));
        assertThat(lab.links()).extracting(LinkSpec::name, LinkSpec::kind).containsExactly(
                tuple("cato-a", LinkKind.CATO),
                tuple("cato-b", LinkKind.CATO),
                tuple("cato-c", LinkKind.CATO),
                tuple("off-cloud-ab", LinkKind.OFF_CLOUD),
                tuple("alt-wan-ac", LinkKind.ALT_WAN));
        assertThat(lab.application("wiki").orElseThrow().category()).as("category is optional").isNull();
        LinkSpec offCloud = lab.links().get(3);
        assertThat(offCloud.impairmentFrom("socket-a")).hasToString("delay=15ms jitter=2ms loss=0.5% seed=1")
                .isEqualTo(offCloud.impairmentFrom("socket-b"));
        assertThat(offCloud.keepalive()).isEqualTo(new LinkKeepalive(200, 3));
        LinkSpec altWan = lab.links().get(4);
        assertThat(altWan.impairmentFrom("socket-a")).hasToString("rate=10mbit");
        assertThat(altWan.impairmentFrom("socket-c")).as("only socket-a's end").isEqualTo(Impairment.NONE);
        assertThat(lab.links().get(0).keepalive()).isEqualTo(LinkKeepalive.DEFAULT);

        List<NetworkRule> rules = lab.rules();
        assertThat(rules).extracting(NetworkRule::name).containsExactly("Backups over Alt-WAN",
                "Business apps over Cato", "Wiki", "Site A to Site B over Off-Cloud", "Ping anywhere");
        assertThat(rules).extracting(NetworkRule::isComplex).containsExactly(false, true, true, false, false);
        assertThat(rules.get(0)).isEqualTo(new NetworkRule("Backups over Alt-WAN", true,
                List.of(new EndpointMatch.Subnet(Ipv4Prefix.parse("198.18.1.0/25")),
                        new EndpointMatch.Host(Ipv4.parse("198.18.1.200"))),
                List.of(new EndpointMatch.IpRange(Ipv4.parse("198.18.3.10"), Ipv4.parse("198.18.3.19"))),
                new Service(Protocol.TCP, List.of(PortRange.single(22), new PortRange(8000, 8080))),
                List.of(), List.of(), List.of(), Transport.ALT_WAN, Transport.CATO, rules.get(0).location()));
        assertThat(rules.get(1).categories()).containsExactly("business");
        assertThat(rules.get(2).enabled()).isFalse();
        assertThat(rules.get(2).domains()).containsExactly(new DomainPattern("*.docs.site-c.lab"));
        assertThat(rules.get(2).primary()).isEqualTo(Transport.AUTOMATIC);
        assertThat(rules.get(2).source()).as("absent source is any").containsExactly(new EndpointMatch.Any());
        assertThat(rules.get(4).service()).isEqualTo(new Service(Protocol.ICMP, List.of()));
        assertThat(rules.get(0).location().line()).as("the rule's line in the example").isPositive();
    }

    @Test
    void brokenExampleGivesTheDocumentedReport() {
        String broken = block("<!-- example: broken -->", "```yaml");
        String after = doc.substring(doc.indexOf("<!-- example: broken -->"));
        String report = blockIn(after.substring(after.indexOf("```text")), "```text");

        assertThatThrownBy(() -> LOADER.parse("broken.yaml", broken))
                .isInstanceOf(LabFileException.class)
                .hasMessage(report.strip());
    }

    private static String block(String marker, String fence) {
        int at = doc.indexOf(marker);
        assertThat(at).as("marker %s in %s", marker, DOC).isNotNegative();
        return blockIn(doc.substring(at), fence);
    }

    private static String blockIn(String text, String fence) {
        int start = text.indexOf(fence);
        assertThat(start).as("a %s block", fence).isNotNegative();
        int bodyStart = text.indexOf('\n', start) + 1;
        int end = text.indexOf("\n```", bodyStart);
        return text.substring(bodyStart, end + 1);
    }
}
