/**
 * Hostile and careless clients (issue 11): the connection cap and the descriptor limit, the handshake timeout,
 * the inbound buffer limit and running out of memory, the message timeout, the closing handshake after a
 * failure, slow consumers judged by time, and logs that count rather than repeat.
 */
package io.wsconnector.tests.limits;
