/** The seed's scenarios run on the in-memory model: Socket A's real decision code, no kernels. */
package io.wanlab.bench.model;
