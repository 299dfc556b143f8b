/** Pieces every device node shares: the TUN reader thread, capture taps, the status socket. */
package io.wanlab.core.node;
