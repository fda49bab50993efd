/**
 * The opening handshake as endpoints see it: {@code @OnUpgrade}, path, query and header values, subprotocols and
 * origins.
 */
package io.wsconnector.tests.handshake;
