/** Application identification: tells a flow's application from its first client payload (TLS ClientHello SNI/ALPN or HTTP/1.x Host). */
package io.wanlab.core.appid;
