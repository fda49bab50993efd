/**
 * End-to-end tests: endpoints compiled by the real processor, served by the real runtime, driven by real clients.
 * This package holds what the subject packages share (the {@link Recorder}, the endpoints
 * several of them serve, RFC 6455 assertions) and the tests of the server as a whole.
 */
package io.wsconnector.tests;
