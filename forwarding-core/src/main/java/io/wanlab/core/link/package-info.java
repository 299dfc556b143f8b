/** Link framing: the Hello, Data and Keepalive frames devices exchange over TCP links and UDP datagrams (wire format in docs/FRAMING.md). */
package io.wanlab.core.link;
