/**
 * Serves wsconnector endpoints: {@link io.wsconnector.runtime.WebSocketServer} starts a Helidon 4
 * WebServer with every generated endpoint, and handler methods talk to their client through
 * {@link io.wsconnector.runtime.WebSocketSession}.
 */
package io.wsconnector.runtime;
