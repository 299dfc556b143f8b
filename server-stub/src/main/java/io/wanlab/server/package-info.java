/** The lab's TLS server stub: a Netty HTTPS endpoint with a lab-CA certificate that answers a small HTTP/1.1 response and reports every handshake. */
package io.wanlab.server;
