/** pcapng capture of raw IPv4 packets at the lab's tap points, with per-packet comments, a bounded reader for them, and a streaming reader of any user's pcap or pcapng capture. */
package io.wanlab.core.pcap;
