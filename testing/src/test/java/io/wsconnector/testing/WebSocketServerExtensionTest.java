package io.wsconnector.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WebSocketServerExtension} registered in fields: endpoints built by the test, the server configured. */
class WebSocketServerExtensionTest {
    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension
            .serving(new Echo_WebSocketEndpoint(() -> new Echo("echo: ")))
            .configure(builder -> builder.maxMessageSize(16));

    @RegisterExtension
    final WebSocketServerExtension ownServer = WebSocketServerExtension.discovering();

    @Test
    void theEndpointIsTheOneTheTestBuiltAndTheServerIsConfigured() throws Exception {
        assertEquals("echo: hi", SERVER.clients().connect("/echo").send("hi").awaitText());
        SERVER.clients().connect("/echo").send("more than sixteen bytes").awaitClose(1009);
    }

    @Test
    void anExtensionInAnInstanceFieldServesOneTestWithTheDiscoveredEndpoints() throws Exception {
        assertTrue(ownServer.server().port() != SERVER.server().port());
        assertEquals("hi", ownServer.clients().connect("/echo").send("hi").awaitText());
    }
}
