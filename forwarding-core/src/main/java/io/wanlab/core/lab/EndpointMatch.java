package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;

/** One source or destination criterion of a rule, after the vendor's model. */
public sealed interface EndpointMatch {

    /** Matches every address. */
    record Any() implements EndpointMatch {
        @Override
        public String toString() {
            return "any";
        }
    }

    /** Every subnet of a named site. */
    record SiteRef(String site) implements EndpointMatch {
        public SiteRef {
            requireNonNull(site, "site");
        }

        @Override
        public String toString() {
            return "site " + site;
        }
    }

    record Subnet(Ipv4Prefix prefix) implements EndpointMatch {
        public Subnet {
            requireNonNull(prefix, "prefix");
        }

        @Override
        public String toString() {
            return "subnet " + prefix;
        }
    }

    record Host(int address) implements EndpointMatch {
        @Override
        public String toString() {
            return "host " + Ipv4.format(address);
        }
    }

    /** An inclusive range of addresses, compared unsigned. */
    record IpRange(int first, int last) implements EndpointMatch {
        public IpRange {
            if (Integer.compareUnsigned(first, last) > 0) {
                throw new IllegalArgumentException("IP range: " + Ipv4.format(first) + "-" + Ipv4.format(last)
                        + " (expected: first <= last)");
            }
        }

        @Override
        public String toString() {
            return "range " + Ipv4.format(first) + "-" + Ipv4.format(last);
        }
    }
}
