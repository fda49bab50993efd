package io.wsconnector.tests.limits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A flood of TCP connections must not cost the server its listener (issue 11, finding 1). The server runs in
 * a JVM of its own whose limit of open files is {@value #OPEN_FILES}; {@value #FLOOD} plain TCP connections
 * that send nothing are far more than it can hold. With the connection cap derived from that limit, the
 * server stops accepting before it runs out of descriptors: a canary connected before the flood is served
 * throughout, and once the flood is gone, new clients are served again.
 */
@Timeout(180)
class DescriptorExhaustionTest {
    private static final int OPEN_FILES = 256;
    private static final int FLOOD = 1_000;

    @Test
    void aFloodOfIdleConnectionsBeyondTheDescriptorLimitLeavesTheListenerServing() throws Exception {
        assumeTrue(ChildJvm.canLimitOpenFiles(), "prlimit is needed to lower the child's limit of open files");
        try (ChildJvm child = ChildJvm.start(OPEN_FILES, List.of("-Xmx128m"));
             Canary canary = Canary.start(child.port())) {
            canary.assertServed(3);

            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD; i++) {
                    Socket socket = new Socket();
                    flood.add(socket);
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", child.port()), 2_000);
                    } catch (IOException e) {
                        // the kernel's queue of connections not yet accepted is full: that is the server's right
                    }
                }
                canary.assertServed(10);
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }

            canary.assertServed(10);
            String text = "after the flood";
            try (RawWebSocketClient late = connectWithin(child, 60_000)) {
                late.sendText(text);
                assertEquals(text, late.readText());
            }
            assertTrue(child.linesContaining("terminating").isEmpty(),
                    () -> "the listener must not terminate: " + child.linesContaining("terminating"));
            assertTrue(child.linesContaining("Too many open files").isEmpty(),
                    () -> "the server must not run out of descriptors: " + child.output());
            List<String> capLines = child.linesContaining("connection cap");
            assertTrue(capLines.size() <= 3, () -> "the cap is reported once per interval, not per connection: "
                    + capLines);
        }
    }

    @Test
    void aListenerStoppedForWantOfDescriptorsIsStartedAgainOnceThereAreSome() throws Exception {
        assumeTrue(ChildJvm.canLimitOpenFiles(), "prlimit is needed to lower the child's limit of open files");
        try (ChildJvm child = ChildJvm.start(OPEN_FILES, List.of("-Xmx128m"));
             RawWebSocketClient hog = RawWebSocketClient.open(child.port())) {
            // what the server does later is done once first: without descriptors, the JVM could not load its classes
            try (RawWebSocketClient warm = RawWebSocketClient.connect(child.port(), "/large-echo")) {
                warm.sendText("warm");
                assertEquals("warm", warm.readText());
            }
            RawWebSocketClient.HttpResponse warmHog = hog.request("GET /hog?millis=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(200, warmHog.status());
            hog.readBody(warmHog);
            hog.writeRaw(("GET /hog?millis=3000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(1_000);
            try (Socket refused = new Socket()) {
                refused.connect(new InetSocketAddress("127.0.0.1", child.port()), 2_000);
                refused.getInputStream().read();
            } catch (IOException e) {
                // accepted by the system, then dropped by a listener that stops
            }

            String text = "after the listener stopped";
            assertEquals(text, echoWithin(child, text, 60_000));
            assertEquals(1, child.linesContaining("starting a new one").size(), () -> String.join("\n", child.output()));
        }
    }

    /**
     * The echo of {@code text} from the first connection that is served: a connection the stopping listener
     * accepted on its way out is closed with 1001 (Helidon closes every connection of a listener that stops),
     * and the next one goes to the new listener.
     */
    private static String echoWithin(ChildJvm child, String text, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            try (RawWebSocketClient client = connectWithin(child, millis)) {
                client.sendText(text);
                RawWebSocketClient.Frame frame = client.readFrame();
                if (frame.opcode() != RawWebSocketClient.CLOSE || frame.closeCode() != 1001
                        || System.nanoTime() > deadline) {
                    assertEquals(RawWebSocketClient.TEXT, frame.opcode(), () -> "expected the echo, got " + frame);
                    return new String(frame.payload(), StandardCharsets.UTF_8);
                }
            }
            Thread.sleep(200);
        }
    }

    /** Connects once the server accepts again: connections of the flood may still wait to be accepted. */
    private static RawWebSocketClient connectWithin(ChildJvm child, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            try {
                return RawWebSocketClient.connect(child.port(), "/large-echo");
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no new connection was served within " + millis + " ms; the server's "
                            + "output:\n" + String.join("\n", child.output()), e);
                }
                Thread.sleep(200);
            }
        }
    }
}
