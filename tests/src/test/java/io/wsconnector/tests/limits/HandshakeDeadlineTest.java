package io.wsconnector.tests.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.LogCapture;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection must complete its upgrade request within the handshake timeout, or be closed, quietly (issue
 * 11, finding 2): half-sent handshakes used to be held for minutes and then logged one 17-line warning each.
 * The server here gives a handshake {@value #DEADLINE_MILLIS} ms.
 */
@Timeout(120)
class HandshakeDeadlineTest {
    private static final long DEADLINE_MILLIS = 1_000;
    /** How much later than the deadline a loaded machine may close a connection. */
    private static final long LATE_MILLIS = 10_000;
    private static final String PATH = "/test/echo";

    private WebSocketServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start(builder -> builder.handshakeTimeout(Duration.ofMillis(DEADLINE_MILLIS)),
                new EchoEndpoint_WebSocketEndpoint());
    }

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private String request() {
        return RawWebSocketClient.handshakeRequest(server.port(), PATH, RawWebSocketClient.newKey());
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        return socket;
    }

    /** What a closed connection delivered before its end, read until the end; fails if it does not end in time. */
    private static String readUntilEnd(Socket socket, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeoutMillis + " ms");
        } catch (IOException e) {
            // a reset ends the connection too
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertNoServerError(String received) {
        assertFalse(received.startsWith("HTTP/1.1 5"), () -> "the server answered an abandoned handshake with "
                + received.lines().findFirst().orElse(""));
    }

    @Test
    void aConnectionThatSendsPartOfItsUpgradeRequestAndThenNothingIsClosedAfterTheDeadline() throws Exception {
        try (Socket socket = open()) {
            String request = request();
            long start = System.nanoTime();
            socket.getOutputStream().write(request.substring(0, request.length() / 2).getBytes(StandardCharsets.US_ASCII));

            String received = readUntilEnd(socket, DEADLINE_MILLIS + LATE_MILLIS);

            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= DEADLINE_MILLIS - 100, () -> "closed after " + elapsedMillis + " ms, before the deadline");
            assertNoServerError(received);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheDeadline() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();

            assertEquals("", readUntilEnd(socket, DEADLINE_MILLIS + LATE_MILLIS));

            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= DEADLINE_MILLIS - 100, () -> "closed after " + elapsedMillis + " ms, before the deadline");
        }
    }

    @Test
    void aConnectionThatTricklesItsUpgradeRequestIsClosedAfterTheDeadlineAlthoughBytesKeepComing() throws Exception {
        byte[] request = request().getBytes(StandardCharsets.US_ASCII);
        long perByteMillis = 100; // the whole request would take over 15 s
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            int sent = 0;
            try {
                for (; sent < request.length; sent++) {
                    out.write(request[sent]);
                    out.flush();
                    Thread.sleep(perByteMillis);
                }
            } catch (IOException e) {
                // the server closed the connection
            }
            int sentBytes = sent;
            assertTrue(sentBytes < request.length, "the server let a trickled request complete over "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertNoServerError(readUntilEnd(socket, LATE_MILLIS));
        }
    }

    @Test
    void anUpgradeRequestSentInPartsWithinTheDeadlineIsServedAndTheWebSocketOutlivesTheDeadline() throws Exception {
        String request = request();
        try (RawWebSocketClient client = RawWebSocketClient.open(server.port())) {
            int third = request.length() / 3;
            client.writeRaw(request.substring(0, third).getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(100);
            client.writeRaw(request.substring(third, 2 * third).getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(100);
            assertEquals(101, client.request(request.substring(2 * third)).status());

            Thread.sleep(2 * DEADLINE_MILLIS);
            client.sendText("still here");
            assertEquals("still here", client.readText());
        }
    }

    @Test
    void abortedAndTimedOutHandshakesAreCountedNotLoggedOneByOne() throws Exception {
        int each = 30;
        try (LogCapture helidon = new LogCapture("io.helidon");
             LogCapture runtime = new LogCapture("io.wsconnector")) {
            List<Socket> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < each; i++) {
                    String request = request();
                    byte[] part = request.substring(0, request.length() - 20).getBytes(StandardCharsets.US_ASCII);
                    try (Socket aborted = open()) {
                        aborted.getOutputStream().write(part); // then gone, in the middle of its headers
                    }
                    Socket timedOut = open();
                    waiting.add(timedOut);
                    timedOut.getOutputStream().write(part);
                }
                for (Socket socket : waiting) {
                    readUntilEnd(socket, DEADLINE_MILLIS + LATE_MILLIS);
                }
            } finally {
                for (Socket socket : waiting) {
                    socket.close();
                }
            }
            Thread.sleep(500); // what the server logs about the last ones

            List<LogRecord> helidonWarnings = helidon.recordsAtLeast(Level.WARNING);
            assertTrue(helidonWarnings.isEmpty(), () -> helidonWarnings.size() + " warnings from Helidon, e.g. "
                    + helidonWarnings.getFirst().getMessage());
            List<LogRecord> ours = runtime.recordsAtLeast(Level.INFO);
            assertTrue(ours.size() <= 3, () -> ours.size() + " log records for " + 2 * each
                    + " abandoned handshakes: " + ours.stream().map(LogRecord::getMessage).toList());
        }
    }
}
