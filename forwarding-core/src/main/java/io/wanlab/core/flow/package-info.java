/** The forwarding fast path's flow table: bidirectional 5-tuple lookup over primitive arrays, idle expiry and bounded eviction. */
package io.wanlab.core.flow;
