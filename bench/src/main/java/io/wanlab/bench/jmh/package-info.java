/** JMH benchmarks of the forwarding core, run by {@code wanlab bench core}. */
package io.wanlab.bench.jmh;
