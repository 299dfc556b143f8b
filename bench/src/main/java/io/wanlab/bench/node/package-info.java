/** The {@code wanlab node ...} commands: each lab device as its own process inside its namespace. */
package io.wanlab.bench.node;
