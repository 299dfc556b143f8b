/** Reads a capture from production and names the transport-switch failures in it, as pure logic over packets. */
package io.wanlab.bench.diagnose;
