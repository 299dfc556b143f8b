package io.wanlab.core.appid;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import io.wanlab.core.lab.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApplicationCatalogTest {
    static Application app(String name, String category, String... domains) {
        List<DomainPattern> patterns = new ArrayList<>();
        for (String d : domains) {
            patterns.add(new DomainPattern(d));
        }
        return new Application(name, category, patterns, Location.BUILT_IN);
    }

    private static final Application SITE_B = app("site-b-app", "business", "app.site-b.lab");
    private static final Application WIKI = app("wiki", "collaboration", "*.wiki.lab", "wiki.lab");

    @Test
    void findsExactNames() {
        ApplicationCatalog catalog = new ApplicationCatalog(List.of(SITE_B, WIKI));
        assertThat(catalog.lookup("app.site-b.lab")).isSameAs(SITE_B);
        assertThat(catalog.lookup("APP.Site-B.lab.")).as("case and a trailing dot are ignored").isSameAs(SITE_B);
        assertThat(catalog.lookup("x.app.site-b.lab")).as("an exact name does not match below itself").isNull();
        assertThat(catalog.lookup("site-b.lab")).isNull();
        assertThat(catalog.lookup("wiki.lab")).isSameAs(WIKI);
    }

    @Test
    void wildcardMatchesAtAnyDepthButNotTheBareSuffix() {
        ApplicationCatalog catalog = new ApplicationCatalog(List.of(app("lab", null, "*.site-b.lab")));
        assertThat(catalog.lookup("app.site-b.lab")).isNotNull();
        assertThat(catalog.lookup("a.b.c.site-b.lab")).isNotNull();
        assertThat(catalog.lookup("site-b.lab")).isNull();
        assertThat(catalog.lookup(".site-b.lab")).as("an empty label is not a name below the suffix").isNull();
        assertThat(catalog.lookup("xsite-b.lab")).as("the suffix match is on a label boundary").isNull();
        assertThat(catalog.lookup("site-b.lab.evil")).isNull();
    }

    @Test
    void firstApplicationInCatalogOrderWins() {
        Application broad = app("broad", "any", "*.lab");
        Application narrow = app("narrow", "specific", "app.site-b.lab");
        Application middle = app("middle", "specific", "*.site-b.lab");
        assertThat(new ApplicationCatalog(List.of(broad, narrow)).lookup("app.site-b.lab")).isSameAs(broad);
        assertThat(new ApplicationCatalog(List.of(narrow, broad)).lookup("app.site-b.lab")).isSameAs(narrow);
        assertThat(new ApplicationCatalog(List.of(middle, broad)).lookup("app.site-b.lab"))
                .as("a wildcard on a deeper suffix does not beat catalog order either way")
                .isSameAs(middle);
        assertThat(new ApplicationCatalog(List.of(broad, middle)).lookup("app.site-b.lab")).isSameAs(broad);
    }

    @Test
    void nothingMatchesNullOrEmptyOrAnEmptyCatalog() {
        ApplicationCatalog catalog = new ApplicationCatalog(List.of(SITE_B, WIKI));
        assertThat(catalog.lookup(null)).isNull();
        assertThat(catalog.lookup("")).isNull();
        assertThat(ApplicationCatalog.EMPTY.lookup("app.site-b.lab")).isNull();
        assertThat(catalog.applications()).containsExactly(SITE_B, WIKI);
    }

    @Test
    void answersExactlyAsAScanOfTheCatalogInOrder() {
        String[] labels = {"a", "b", "lab", "site-b", "x"};
        Random random = new Random(20250101);
        for (int round = 0; round < 200; round++) {
            List<Application> apps = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = randomName(random, labels);
                apps.add(app("app" + i, "c" + i, random.nextBoolean() ? "*." + name : name));
            }
            ApplicationCatalog catalog = new ApplicationCatalog(apps);
            for (int h = 0; h < 50; h++) {
                String host = randomName(random, labels);
                Application scan = apps.stream().filter(a -> a.matchesHost(host)).findFirst().orElse(null);
                assertThat(catalog.lookup(host)).as("%s in %s", host, apps).isSameAs(scan);
            }
        }
    }

    private static String randomName(Random random, String[] labels) {
        int depth = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(i == 0 ? "" : ".").append(labels[random.nextInt(labels.length)]);
        }
        return sb.toString();
    }
}
