/** IPv4 addresses and prefixes as primitives, shared by every module. */
package io.wanlab.core.net;
