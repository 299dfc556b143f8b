/** TUN devices: the Linux one through the Java FFM API, and an in-memory fake with the same interface. */
package io.wanlab.core.tun;
