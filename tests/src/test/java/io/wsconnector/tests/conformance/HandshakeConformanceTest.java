package io.wsconnector.tests.conformance;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.Frames;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsconnector.tests.Conformance.ECHO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455, section 4: the opening handshake as the server must check and answer it. Raw HTTP over a socket.
 */
@Timeout(60)
class HandshakeConformanceTest {
    /** The sample nonce of RFC 6455, section 1.3, and the answer the RFC gives for it. */
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint())
            .configure(builder -> builder.closeTimeout(Conformance.LONG_CLOSE_TIMEOUT));

    private static String request(String requestLine, String... headerLines) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String line : headerLines) {
            if (line != null) {
                request.append(line).append("\r\n");
            }
        }
        return request.append("\r\n").toString();
    }

    private static String host() {
        return "Host: 127.0.0.1:" + SERVER.server().port();
    }

    /** Sends a request on a new connection and returns the response's status line and headers. */
    private static RawWebSocketClient.HttpResponse send(String request) throws IOException {
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            return client.request(request);
        } catch (EOFException e) {
            throw new AssertionError("the server closed the connection without an HTTP response (" + e.getMessage() + ")");
        }
    }

    /** The handshake succeeded: 101 with the right accept value, and the connection echoes a message. */
    private static void assertUpgradedAndEchoes(RawWebSocketClient client, RawWebSocketClient.HttpResponse response,
                                                String key) throws IOException {
        assertEquals(101, response.status(), response::statusLine);
        assertEquals(RawWebSocketClient.expectedAccept(key), response.headers().get("sec-websocket-accept"));
        client.sendText("after handshake");
        assertEquals("after handshake", client.readText());
    }

    @ParameterizedTest(name = "Upgrade: {0}")
    @ValueSource(strings = {"websocket", "WebSocket", "WEBSOCKET", "wEbSoCkEt", "websocket, foo", "foo, WebSocket"})
    void section4_2_1_upgradeValueIsCaseInsensitiveAndMayBeATokenList(String upgrade) throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(request("GET " + ECHO + " HTTP/1.1", host(),
                    "Upgrade: " + upgrade, "Connection: Upgrade", "Sec-WebSocket-Key: " + key,
                    "Sec-WebSocket-Version: 13"));

            assertUpgradedAndEchoes(client, response, key);
        }
    }

    @ParameterizedTest(name = "Connection: {0}")
    @ValueSource(strings = {"Upgrade", "upgrade", "UPGRADE", "keep-alive, Upgrade", "keep-alive,upgrade",
            "Upgrade, keep-alive", "close, Upgrade"})
    void section4_2_1_connectionHeaderIsACaseInsensitiveTokenList(String connection) throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(request("GET " + ECHO + " HTTP/1.1", host(),
                    "Upgrade: websocket", "Connection: " + connection, "Sec-WebSocket-Key: " + key,
                    "Sec-WebSocket-Version: 13"));

            assertUpgradedAndEchoes(client, response, key);
        }
    }

    @Test
    void section4_2_1_connectionTokensOnSeveralHeaderLinesAreJoined() throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(request("GET " + ECHO + " HTTP/1.1", host(),
                    "Upgrade: websocket", "Connection: keep-alive", "Connection: Upgrade",
                    "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13"));

            assertUpgradedAndEchoes(client, response, key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no Connection header", "Connection: keep-alive", "Connection: close"})
    void section4_2_1_missingConnectionUpgradeIsRejectedWith400(String connection) throws Exception {
        RawWebSocketClient.HttpResponse response = send(request("GET " + ECHO + " HTTP/1.1", host(),
                "Upgrade: websocket", connection.startsWith("Connection") ? connection : null,
                "Sec-WebSocket-Key: " + RFC_KEY, "Sec-WebSocket-Version: 13"));

        assertEquals(400, response.status(), response::statusLine);
    }

    @Test
    void section4_2_1_missingSecWebSocketKeyIsRejectedWith400() throws Exception {
        RawWebSocketClient.HttpResponse response = send(request("GET " + ECHO + " HTTP/1.1", host(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"));

        assertEquals(400, response.status(), response::statusLine);
    }

    @ParameterizedTest(name = "Sec-WebSocket-Key: \"{0}\"")
    @ValueSource(strings = {
            "",
            "not base64 at all!",
            "AAAAAAAAAAAAAAAAAAAA", // 15 bytes
            "AAAAAAAAAAAAAAAAAAAAAAA=", // 17 bytes
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // 32 bytes
            "dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ=="})
    void section4_2_1_secWebSocketKeyThatIsNot16BytesOfBase64IsRejectedWith400(String key) throws Exception {
        RawWebSocketClient.HttpResponse response = send(request("GET " + ECHO + " HTTP/1.1", host(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13"));

        assertEquals(400, response.status(), response::statusLine);
    }

    @Test
    void section4_2_1_secWebSocketKeySentTwiceIsRejectedWith400() throws Exception {
        RawWebSocketClient.HttpResponse response = send(request("GET " + ECHO + " HTTP/1.1", host(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + RFC_KEY,
                "Sec-WebSocket-Key: " + RawWebSocketClient.newKey(), "Sec-WebSocket-Version: 13"));

        assertEquals(400, response.status(), response::statusLine);
    }

    @ParameterizedTest(name = "Sec-WebSocket-Version: \"{0}\"")
    @ValueSource(strings = {"(missing)", "", "0", "8", "12", "14", "13.0", "thirteen"})
    void section4_2_2_wrongOrMissingVersionIsRejectedWith426AndSecWebSocketVersion13(String version) throws Exception {
        RawWebSocketClient.HttpResponse response = send(request("GET " + ECHO + " HTTP/1.1", host(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + RFC_KEY,
                version.equals("(missing)") ? null : "Sec-WebSocket-Version: " + version));

        assertEquals(426, response.status(), response::statusLine);
        String supported = response.headers().get("sec-websocket-version");
        assertNotNull(supported, () -> "no Sec-WebSocket-Version in " + response.headers());
        assertTrue(supported.matches("\\s*13\\s*(,.*)?|.*,\\s*13\\s*(,.*)?"), () -> "Sec-WebSocket-Version: " + supported);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
    void section4_2_1_anUpgradeWithAMethodOtherThanGetIsRejected(String method) throws Exception {
        RawWebSocketClient.HttpResponse response = send(request(method + " " + ECHO + " HTTP/1.1", host(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + RFC_KEY,
                "Sec-WebSocket-Version: 13", "Content-Length: 0"));

        assertTrue(response.status() >= 400 && response.status() < 500, response::statusLine);
    }

    @Test
    void section4_2_1_anUpgradeOverHttp10IsRejected() throws Exception {
        // Helidon 4.5's HTTP/1 layer closes the connection on any HTTP/1.0 request, before an upgrader
        // sees it; a 4xx would be nicer, but either way no WebSocket is opened
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(request("GET " + ECHO + " HTTP/1.0", host(),
                    "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + RFC_KEY,
                    "Sec-WebSocket-Version: 13"));
            assertNotEquals(101, response.status(), response::statusLine);
            assertTrue(response.status() >= 400, response::statusLine);
        } catch (EOFException closedWithoutResponse) {
            // refused by closing the connection
        }
    }

    @Test
    void section4_2_1_anUpgradeWithoutHostIsRejectedWith400() throws Exception {
        RawWebSocketClient.HttpResponse response = send(request("GET " + ECHO + " HTTP/1.1",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + RFC_KEY,
                "Sec-WebSocket-Version: 13"));

        assertEquals(400, response.status(), response::statusLine);
    }

    @Test
    void section4_2_2_secWebSocketAcceptIsTheBase64Sha1OfTheKeyAndTheGuid() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(
                    RawWebSocketClient.handshakeRequest(SERVER.server().port(), ECHO, RFC_KEY));

            assertEquals(101, response.status(), response::statusLine);
            assertEquals(RFC_ACCEPT, response.headers().get("sec-websocket-accept"));
            assertEquals("websocket", lower(response.headers().get("upgrade")), () -> "Upgrade in " + response.headers());
            assertTrue(lower(response.headers().get("connection")).contains("upgrade"),
                    () -> "Connection in " + response.headers());
        }
    }

    @Test
    void section4_2_2_noExtensionIsAcceptedThatTheServerDoesNotImplement() throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(RawWebSocketClient.handshakeRequest(SERVER.server().port(),
                    ECHO, key, "Sec-WebSocket-Extensions: x-webkit-deflate-frame, x-unknown; p=1"));

            assertUpgradedAndEchoes(client, response, key);
            assertFalse(response.headers().containsKey("sec-websocket-extensions"), () -> "headers: " + response.headers());
        }
    }

    @Test
    void section4_2_2_noSubprotocolIsSelectedByAnEndpointThatHasNone() throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(RawWebSocketClient.handshakeRequest(SERVER.server().port(),
                    ECHO, key, "Sec-WebSocket-Protocol: chat, superchat"));

            assertUpgradedAndEchoes(client, response, key);
            assertFalse(response.headers().containsKey("sec-websocket-protocol"), () -> "headers: " + response.headers());
        }
    }

    @Test
    void section4_2_2_framesSentRightAfterTheRequestInTheSameWriteAreNotLost() throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            byte[] request = RawWebSocketClient.handshakeRequest(SERVER.server().port(), ECHO, key)
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] ping = Frames.encode(0x80 | RawWebSocketClient.PING, true, Conformance.utf8("p"));
            byte[] text = Frames.encode(0x80 | RawWebSocketClient.TEXT, true, Conformance.utf8("early"));
            client.writeRaw(Conformance.concat(request, ping, text));

            RawWebSocketClient.HttpResponse response = client.readResponse();
            assertEquals(101, response.status(), response::statusLine);
            RawWebSocketClient.Frame pong = client.readFrame();
            assertEquals(RawWebSocketClient.PONG, pong.opcode(), pong::toString);
            assertEquals("p", pong.text());
            assertEquals("early", client.readText());
        }
    }

    private static String lower(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
