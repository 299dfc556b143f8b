package io.wanlab.bench.client;

import io.wanlab.server.ca.IssuedCertificate;
import io.wanlab.server.ca.LabCa;
import io.wanlab.server.ca.SubjectNames;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The test JVM's lab CA and a JDK server TLS context from one of its leaves, for raw-socket fixtures. */
final class TestTls {
    static final LabCa CA = LabCa.create("client-test");
    static final LabCa OTHER_CA = LabCa.create("another-run");
    static final String HOST = "app.site-b.lab";

    private TestTls() {
    }

    static SSLContext jdkServerContext(String... names) {
        IssuedCertificate leaf = CA.issue(SubjectNames.of(names));
        char[] password = "test".toCharArray();
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(leaf.keyStore(password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
