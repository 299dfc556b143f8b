/** The Socket: per-flow decisions, transport switches and symmetric return paths, apart from its I/O. */
package io.wanlab.socket;
