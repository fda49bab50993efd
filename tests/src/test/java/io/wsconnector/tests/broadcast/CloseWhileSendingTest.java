package io.wsconnector.tests.broadcast;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection that ends while messages sent from other threads (broadcasts) are being written to it: the
 * server still answers the client's close frame, or a protocol error with 1002 (RFC 6455, sections 5.5.1 and
 * 7.1.7: "An endpoint MAY delay sending a Close frame until its current message is sent").
 */
@Timeout(120)
class CloseWhileSendingTest {
    private static final String PATH = "/broadcast";
    /** Far more than the kernel's buffers hold: it is still being written when the client's close arrives. */
    private static final int LARGE = 16 * 1024 * 1024;

    private static WebSocketServer server;
    private static WebSocketSessions registry;
    private static volatile Recorder recorder = new Recorder();

    @BeforeAll
    static void startServer() {
        server = TestServers.start(new BroadcastEndpoint_WebSocketEndpoint(() -> new BroadcastEndpoint(recorder)));
        registry = server.sessions(BroadcastEndpoint.class);
    }

    @AfterAll
    static void stopServer() {
        TestServers.stop(server);
    }

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    /** Reads frames until the server's close frame, or {@code null} if the connection ends without one. */
    private static RawWebSocketClient.Frame readUntilClose(RawWebSocketClient client, List<RawWebSocketClient.Frame> data)
            throws IOException {
        while (true) {
            RawWebSocketClient.Frame frame;
            try {
                frame = client.readFrame();
            } catch (EOFException | SocketException e) {
                return null;
            }
            if (frame.opcode() == RawWebSocketClient.CLOSE) {
                return frame;
            }
            data.add(frame);
        }
    }

    /**
     * A 16 MiB broadcast is being written to a client that has not read it yet when the client sends its close
     * frame; then it reads. Expected: the whole message, then the answer to its close.
     */
    @Test
    void aCloseFrameIsAnsweredAfterTheBroadcastBeingWrittenToTheClient() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
            recorder.nextOf(Recorder.Opened.class);
            byte[] large = BroadcastEndpoint.pattern(LARGE);
            assertEquals(1, registry.broadcastBinary(large));

            client.sendClose(1000, "done");

            List<RawWebSocketClient.Frame> data = new ArrayList<>();
            RawWebSocketClient.Frame close = readUntilClose(client, data);
            assertEquals(1000, close == null ? "no close frame; the connection ended after " + data.size()
                    + " whole data frames" : close.closeCode());
            assertEquals(1, data.size(), "the message being written, then the close");
            assertArrayEquals(large, data.getFirst().payload());
            assertEquals(1000, recorder.nextOf(Recorder.Closed.class).statusCode());
        }
    }

    /**
     * The same with a protocol error: the server fails the connection, which may drop the rest of what it was
     * sending but not the close frame (RFC 6455, section 7.1.7): expected close 1002, after the whole message or
     * none of it.
     */
    @Test
    void aProtocolErrorIsAnsweredWith1002AfterTheBroadcastBeingWrittenToTheClient() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
            recorder.nextOf(Recorder.Opened.class);
            assertEquals(1, registry.broadcastBinary(BroadcastEndpoint.pattern(LARGE)));

            client.sendFrame(0x81, false, "unmasked".getBytes(StandardCharsets.UTF_8));

            List<RawWebSocketClient.Frame> data = new ArrayList<>();
            RawWebSocketClient.Frame close = readUntilClose(client, data);
            assertEquals(1002, close == null ? "no close frame; the connection ended after " + data.size()
                    + " whole data frames" : close.closeCode());
            assertTrue(data.size() <= 1, "at most the message being written, whole, before the close");
        }
    }

    /**
     * The everyday case: small broadcasts keep coming (a busy chat room) while clients leave with a closing
     * handshake. Every close is answered.
     */
    @Test
    void everyCloseFrameIsAnsweredWhileAnotherThreadKeepsBroadcasting() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread broadcaster = Thread.ofPlatform().name("busy-room").start(() -> {
            for (int i = 0; !stop.get(); i++) {
                registry.broadcastText("message " + i);
                LockSupport.parkNanos(50_000);
            }
        });
        int connections = 200;
        List<String> unanswered = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), PATH)) {
                    client.sendClose(1000, "");
                    RawWebSocketClient.Frame close = readUntilClose(client, new ArrayList<>());
                    if (close == null || close.closeCode() != 1000) {
                        unanswered.add("connection " + i + ": " + close);
                    }
                }
            }
        } finally {
            stop.set(true);
            broadcaster.join();
        }
        assertEquals(List.of(), unanswered, () -> unanswered.size() + " of " + connections
                + " close frames were not answered with 1000");
    }
}
