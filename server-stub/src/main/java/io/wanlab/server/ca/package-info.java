/** The lab's certificate authority (Bouncy Castle): a per-run CA, leaf certificates, PEM files and the TLS contexts built from them. */
package io.wanlab.server.ca;
