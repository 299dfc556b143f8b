/** The lab's own TLS client ({@code wanlab client}): one HTTPS GET trusting only the lab CA, its outcome classified (reset during or after the handshake, timeout, refused, TLS error) with an exit code per class. */
package io.wanlab.bench.client;
