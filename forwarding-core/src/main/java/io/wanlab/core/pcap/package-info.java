/** pcapng capture of raw IPv4 packets at the lab's tap points, with per-packet comments, and a bounded reader for them. */
package io.wanlab.core.pcap;
