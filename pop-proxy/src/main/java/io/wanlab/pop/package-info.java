/** The PoP: tunnel termination and routing between sites; the TCP proxy hooks in per flow. */
package io.wanlab.pop;
