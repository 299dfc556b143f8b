package io.wanlab.bench.client;

import io.wanlab.server.ca.PemFiles;
import io.wanlab.server.ca.TlsVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wanlab client URL}: one HTTPS GET trusting only the lab CA; prints one line and exits with the outcome's code. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"One HTTPS GET with the lab's TLS client and a verdict on how it ended.",
                "Trusts only the lab CA; prints a one-line summary (or JSON with --json) and exits with the outcome's code."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:ok (a complete HTTP response, any status)",
                " 2:usage error (bad option, unreadable --cacert)",
                "10:reset-during-handshake (TCP RST before the TLS handshake completed)",
                "11:reset-after-handshake (TCP RST after it, before the response was complete)",
                "12:timeout",
                "13:refused (ECONNREFUSED)",
                "14:tls-error (certificate, alert or protocol error)",
                "15:other-error (clean close mid-exchange, unknown host, unreachable, bad response)"})
public final class ClientCommand implements Callable<Integer> {
    static final int USAGE = 2;

    @Parameters(index = "0", paramLabel = "URL", description = "An https URL, e.g. https://app.site-b.lab/")
    String url;

    @Option(names = "--cacert", paramLabel = "FILE", description = "PEM file with the CA certificate(s) to trust, and only those (default: ${DEFAULT-VALUE}).")
    Path cacert = Path.of("ca.pem");

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR",
            description = "Connect to ADDR (an IP literal) for HOST:PORT, as curl does; SNI and the certificate check keep using HOST.")
    String resolve;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for the whole exchange, e.g. 500ms, 5s (default: 5s).")
    Duration timeout = ClientRequest.DEFAULT_TIMEOUT;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for the TCP connect alone (default: 3s).")
    Duration connectTimeout = ClientRequest.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--tls", paramLabel = "VERSION", split = ",",
            description = "TLS versions to offer: 1.2, 1.3 or both (default: 1.2,1.3).")
    List<String> tls = List.of("1.2", "1.3");

    @Option(names = "--transport", paramLabel = "nio|epoll",
            description = "Socket transport (default: epoll where available, else nio).")
    String transport;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Option(names = "--body", description = "Also print the response body after the summary.")
    boolean body;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientRequest request;
        ClientTransport chosen;
        try {
            request = request(readCa());
            chosen = transport == null ? ClientTransport.best() : ClientTransport.parse(transport);
            if (!chosen.available()) {
                throw new IllegalArgumentException("--transport " + transport + ": not available here (expected: nio)");
            }
        } catch (NoSuchFileException e) {
            err.println("wanlab client: --cacert " + cacert + ": no such file (expected: the run's ca.pem)");
            return USAGE;
        } catch (IOException e) {
            err.println("wanlab client: --cacert " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("wanlab client: " + e.getMessage());
            return USAGE;
        }
        ClientResult result;
        try (LabTlsClient client = new LabTlsClient(chosen)) {
            result = client.fetch(request);
        }
        out.println(json ? result.toJson() : result.summary());
        if (body && !json) {
            out.print(result.body());
        }
        out.flush();
        return result.exitCode();
    }

    private List<X509Certificate> readCa() throws IOException {
        return PemFiles.readCertificates(cacert);
    }

    private ClientRequest request(List<X509Certificate> trusted) {
        Set<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
        for (String version : tls) {
            versions.add(TlsVersion.parse(version));
        }
        ClientRequest request = ClientRequest.of(url, trusted)
                .withTimeout(timeout)
                .withConnectTimeout(connectTimeout)
                .withVersions(versions);
        return resolve == null ? request : request.withResolve(ResolveOverride.parse(resolve));
    }
}
