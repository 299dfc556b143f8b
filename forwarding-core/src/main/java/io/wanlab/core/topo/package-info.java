/** The live lab's topology as data (nodes, veths, TUNs, routes) and the pure functions that turn it into ip commands. */
package io.wanlab.core.topo;
