/** {@code wanlab bench throughput}: iperf3 through the live lab's direct path and through a kernel-only baseline on the same namespaces. */
package io.wanlab.bench.throughput;
