/**
 * RFC 6455 conformance, by section (framing, fragmentation, control frames, UTF-8, the opening and closing
 * handshakes), and what a hostile client may send.
 */
package io.wsconnector.tests.conformance;
