/**
 * The meters a server counts (connections, handshakes, messages, failures, send queues), over real sockets.
 */
package io.wsconnector.tests.metrics;
