/** Zero-copy IPv4/TCP/UDP/ICMP views over Netty buffers, with named drop reasons, checksums and test-packet builders. */
package io.wanlab.core.packet;
