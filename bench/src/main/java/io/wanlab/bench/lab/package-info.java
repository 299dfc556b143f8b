/** The live lab's I/O side: runs the topology's ip commands, backends (namespaces now, containers later), preflight, state and clean-up. */
package io.wanlab.bench.lab;
