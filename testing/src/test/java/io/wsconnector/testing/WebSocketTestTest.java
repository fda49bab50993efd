package io.wsconnector.testing;

import java.net.URI;
import java.util.List;

import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link WebSocketTest} with the endpoint it names: one server for the class, clients closed after each test. */
@WebSocketTest(Echo_WebSocketEndpoint.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketTestTest {
    @Test
    @Order(1)
    void aClientConnectsAndTalksToTheNamedEndpoint(WebSocketClients clients) throws Exception {
        JdkClient client = clients.connect("/echo");

        assertEquals("hello", client.send("hello").awaitText());
        client.send(Echo.BYE).awaitClose(4000);
    }

    @Test
    @Order(2)
    void theClientsOfTheLastTestWereClosed(WebSocketServer server, WebSocketClients clients) throws Exception {
        clients.connect("/echo").send("a").awaitText();
        clients.connect("/echo").send("b").awaitText();
        Await.until("two sessions", Await.TIMEOUT, () -> server.sessions("/echo").count() == 2);
    }

    @Test
    @Order(3)
    void andThoseOfThisOneAreOpenUntilItEnds(WebSocketServer server) throws Exception {
        Await.until("no session left from the test before", Await.TIMEOUT, () -> server.sessions("/echo").count() == 0);
    }

    @Test
    void theServerListensOnAFreePortOfTheLoopback(WebSocketServer server) {
        assertEquals(List.of(URI.create("ws://127.0.0.1:" + server.port() + "/echo")), server.endpointUris());
    }

    @Test
    void handshakeHeadersAndSubprotocolsAreTheClientsToChoose(WebSocketClients clients) throws Exception {
        JdkClient client = clients.connect("/echo?ignored=1", handshake -> handshake.header("X-Test", "1")
                .subprotocols("echo.v1"));

        assertEquals("echo.v1", client.subprotocol());
        assertEquals(400, clients.refusedStatus("/echo", handshake -> handshake.subprotocols("chat")));
    }

    @Test
    void aRawClientSendsFramesNoLibrarySends(WebSocketClients clients) throws Exception {
        RawWebSocketClient raw = clients.raw("/echo");

        raw.sendFrame(true, RawWebSocketClient.PING, "ping?");
        RawWebSocketClient.Frame pong = raw.readFrame();
        assertEquals(RawWebSocketClient.PONG, pong.opcode());
        assertEquals("ping?", pong.text());
        raw.sendFrame(0x81, false, "unmasked".getBytes());
        assertEquals(1002, raw.readFrame().closeCode());
    }
}
