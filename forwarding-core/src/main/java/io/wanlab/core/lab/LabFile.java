package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A whole lab file: sites, links, account settings, application catalog, ordered rules and the
 * bounds of application identification.
 */
public record LabFile(
        String name,
        List<Site> sites,
        List<LinkSpec> links,
        Account account,
        List<Application> applications,
        List<NetworkRule> rules,
        IdentificationLimits identification) {

    public LabFile {
        requireNonNull(name, "name");
        sites = List.copyOf(requireNonNull(sites, "sites"));
        links = List.copyOf(requireNonNull(links, "links"));
        requireNonNull(account, "account");
        applications = List.copyOf(requireNonNull(applications, "applications"));
        rules = List.copyOf(requireNonNull(rules, "rules"));
        requireNonNull(identification, "identification");
    }

    /** A lab with the default identification limits (a file without {@code identification:}). */
    public LabFile(String name, List<Site> sites, List<LinkSpec> links, Account account, List<Application> applications,
            List<NetworkRule> rules) {
        this(name, sites, links, account, applications, rules, IdentificationLimits.DEFAULTS);
    }

    public Optional<Site> site(String siteName) {
        return sites.stream().filter(s -> s.name().equals(siteName)).findFirst();
    }

    public Optional<Site> siteOf(int address) {
        return sites.stream().filter(s -> s.contains(address)).findFirst();
    }

    public Optional<Application> application(String appName) {
        return applications.stream().filter(a -> a.name().equals(appName)).findFirst();
    }

    public LabFile withAccount(Account newAccount) {
        return new LabFile(name, sites, links, newAccount, applications, rules, identification);
    }

    public LabFile withRules(List<NetworkRule> newRules) {
        return new LabFile(name, sites, links, account, applications, newRules, identification);
    }

    public LabFile withIdentification(IdentificationLimits limits) {
        return new LabFile(name, sites, links, account, applications, rules, limits);
    }
}
