/** A connection's life as handlers see it: {@code @OnOpen} and {@code @OnClose}, pings and pongs, idle timeouts. */
package io.wsconnector.tests.lifecycle;
