/** Failures: {@code @OnError}, handlers that throw or block, clients that vanish. */
package io.wsconnector.tests.errors;
