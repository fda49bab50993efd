package io.wsconnector.tests.limits;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the server fails a connection with a close frame, it reads and discards what the client still sends,
 * until the client's close frame (or the end of its input, a pause, or the close timeout), and only then
 * closes TCP (RFC 6455, section 7.1.1; issue 11, finding 5): a server that closes at once while the client is
 * still sending resets the connection, and a browser then reports 1006 instead of the server's code.
 */
@Timeout(120)
class ClosingHandshakeTest {
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final long OVERSIZED = 32L * 1024 * 1024;
    private static final byte[] CHUNK = new byte[64 * 1024];

    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private void start(Duration closeTimeout) {
        server = TestServers.start(builder -> builder.maxMessageSize(MAX_MESSAGE).closeTimeout(closeTimeout),
                new LargeEchoEndpoint_WebSocketEndpoint());
    }

    /** Sends on a thread of its own, as a browser does while it reads; {@link #awaitDone} reports a failure. */
    private static final class Sender {
        private final AtomicReference<IOException> failure = new AtomicReference<>();
        private final Thread thread;

        Sender(IoAction action) {
            thread = Thread.ofPlatform().daemon().name("sender").start(() -> {
                try {
                    action.run();
                } catch (IOException e) {
                    failure.set(e);
                }
            });
        }

        void awaitDone() throws InterruptedException {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "the client could not finish sending within 60 s");
            assertNull(failure.get(), () -> "the server broke the connection while the client was still sending: "
                    + failure.get());
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** Reads until the end of the stream, which must be an orderly one (FIN), not a reset. */
    private static void assertOrderlyEnd(RawWebSocketClient client, int timeoutMillis) throws IOException {
        client.socket().setSoTimeout(timeoutMillis);
        InputStream in = client.socket().getInputStream();
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // the server sends nothing after its close frame; discard anyway
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close TCP within " + timeoutMillis + " ms");
        } catch (IOException e) {
            throw new AssertionError("the server reset the connection instead of closing it", e);
        }
    }

    @Test
    void aClientStillSendingAnOversizedMessageGetsThe1009CloseFrameAndThenAnOrderlyEnd() throws Exception {
        start(Duration.ofSeconds(30));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/large-echo")) {
            Sender sender = new Sender(() -> LargeMessages.sendBinary(client, CHUNK, OVERSIZED));

            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1009, close.closeCode(), close::toString);
            sender.awaitDone();

            client.sendClose(1009, "");
            assertOrderlyEnd(client, 10_000);
        }
    }

    @Test
    void afterAProtocolErrorTheServerReadsOnUntilTheClientStopsSendingAndThenClosesTcp() throws Exception {
        start(Duration.ofSeconds(30));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/large-echo")) {
            Sender sender = new Sender(() -> {
                client.sendFrame(true, 0x3, new byte[0]); // a reserved opcode
                LargeMessages.sendPayload(client, CHUNK, OVERSIZED); // and whatever follows
                client.socket().shutdownOutput();
            });

            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1002, close.closeCode(), close::toString);
            sender.awaitDone();
            assertOrderlyEnd(client, 10_000);
        }
    }

    @Test
    void aClientThatStopsSendingAndNeverAnswersHasTcpClosedWithoutWaitingForTheCloseTimeout() throws Exception {
        start(Duration.ofSeconds(60));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/large-echo")) {
            LargeMessages.sendHeader(client, 0x80 | RawWebSocketClient.BINARY, OVERSIZED); // and no payload
            RawWebSocketClient.Frame close = client.readClose();
            long start = System.nanoTime();
            assertEquals(1009, close.closeCode(), close::toString);

            assertOrderlyEnd(client, 30_000); // the client has paused: nothing to reset
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < 30_000, () -> "TCP was closed after " + elapsedMillis + " ms");
        }
    }
}
