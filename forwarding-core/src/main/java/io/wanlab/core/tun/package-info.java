/** TUN devices: the interface and the Linux one through the Java FFM API (tests have an in-memory fake). */
package io.wanlab.core.tun;
