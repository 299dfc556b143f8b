package io.wanlab.core.appid;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The application catalog precompiled for lookups by server name: one hash map of exact names and
 * one of wildcard suffixes, so a lookup costs one probe per label of the name instead of a scan of
 * every pattern. Answers exactly as a scan of {@link Application#matchesHost} in catalog order
 * would: the first application (in list order) with a matching domain wins.
 *
 * <p>Immutable and thread-safe: build once per lab file and share across flows and event loops.
 */
public final class ApplicationCatalog {
    public static final ApplicationCatalog EMPTY = new ApplicationCatalog(List.of());

    /** An application and its position in the catalog, for first-match-wins across both maps. */
    private record Entry(int order, Application app) {}

    private final List<Application> applications;
    private final Map<String, Entry> exact = new HashMap<>();
    private final Map<String, Entry> wildcardSuffixes = new HashMap<>(); // ".example.com" for *.example.com

    public ApplicationCatalog(List<Application> applications) {
        this.applications = List.copyOf(requireNonNull(applications, "applications"));
        for (int i = 0; i < this.applications.size(); i++) {
            Application app = this.applications.get(i);
            for (DomainPattern d : app.domains()) {
                Entry e = new Entry(i, app);
                if (d.isWildcard()) {
                    wildcardSuffixes.putIfAbsent(d.pattern().substring(1), e);
                } else {
                    exact.putIfAbsent(d.pattern(), e);
                }
            }
        }
    }

    public List<Application> applications() {
        return applications;
    }

    /** The first application whose domains match {@code host} (case and a trailing dot ignored), or null. */
    public Application lookup(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = normalize(host);
        Entry best = exact.get(h);
        // A wildcard never matches the bare suffix, so the scan starts past the first character.
        for (int dot = h.indexOf('.', 1); dot > 0; dot = h.indexOf('.', dot + 1)) {
            Entry e = wildcardSuffixes.get(h.substring(dot));
            if (e != null && (best == null || e.order() < best.order())) {
                best = e;
            }
        }
        return best == null ? null : best.app();
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public String toString() {
        return "ApplicationCatalog[" + applications.size() + " applications, " + exact.size() + " names, "
                + wildcardSuffixes.size() + " wildcards]";
    }
}
