package io.wsconnector.tests.limits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
            try (RawWebSocketClient late = connectWithin(child.port(), 60_000)) {
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

    /** Connects once the server accepts again: connections of the flood may still wait to be accepted. */
    private static RawWebSocketClient connectWithin(int port, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            try {
                return RawWebSocketClient.connect(port, "/large-echo");
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no new connection was served within " + millis + " ms after the flood", e);
                }
                Thread.sleep(200);
            }
        }
    }
}
