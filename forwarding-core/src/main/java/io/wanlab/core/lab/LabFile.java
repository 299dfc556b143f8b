package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A whole lab file: sites, links, account settings, application catalog and ordered rules. */
public record LabFile(
        String name,
        List<Site> sites,
        List<LinkSpec> links,
        Account account,
        List<Application> applications,
        List<NetworkRule> rules) {

    public LabFile {
        requireNonNull(name, "name");
        sites = List.copyOf(requireNonNull(sites, "sites"));
        links = List.copyOf(requireNonNull(links, "links"));
        requireNonNull(account, "account");
        applications = List.copyOf(requireNonNull(applications, "applications"));
        rules = List.copyOf(requireNonNull(rules, "rules"));
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
        return new LabFile(name, sites, links, newAccount, applications, rules);
    }

    public LabFile withRules(List<NetworkRule> newRules) {
        return new LabFile(name, sites, links, account, applications, newRules);
    }
}
