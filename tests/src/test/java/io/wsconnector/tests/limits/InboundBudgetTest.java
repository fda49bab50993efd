package io.wsconnector.tests.limits;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.wsconnector.tests.broadcast.BroadcastEndpoint;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Large messages from many clients at once must not take the server's heap (issue 11, findings 3 and 4).
 * The server runs in a JVM of its own with a {@value #HEAP_MIB} MiB heap and accepts messages of up to
 * 16 MiB; {@value #CLIENTS} clients each send a 16 MiB message at the same time, far more than the heap
 * holds. With the server-wide budget of buffered inbound bytes (by default a fraction of the heap), each
 * client gets either its echo or a close frame with 1009 or 1013, the server does not run out of memory,
 * and a canary is echoed throughout.
 */
@Timeout(300)
class InboundBudgetTest {
    private static final int HEAP_MIB = 128;
    private static final int CLIENTS = 12;
    private static final int MESSAGE = 16 * 1024 * 1024;

    /** What a client got for its large message. */
    private enum Outcome { ECHOED, REFUSED }

    @Test
    void concurrentLargeMessagesBeyondTheBudgetAreEchoedOrRefusedWith1009Or1013AndTheHeapHolds() throws Exception {
        byte[] message = BroadcastEndpoint.pattern(MESSAGE);
        try (ChildJvm child = ChildJvm.start(0, List.of("-Xmx" + HEAP_MIB + "m"),
                "--max-message-size=" + MESSAGE, "--close-timeout-millis=30000");
             Canary canary = Canary.start(child.port())) {
            canary.assertServed(3);

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Outcome>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    outcomes.add(clients.submit(() -> echoOrRefusal(child.port(), message)));
                }
                int echoed = 0;
                for (Future<Outcome> outcome : outcomes) {
                    try {
                        if (outcome.get(240, TimeUnit.SECONDS) == Outcome.ECHOED) {
                            echoed++;
                        }
                    } catch (ExecutionException e) {
                        throw new AssertionError("a client failed; the server's output: "
                                + String.join("\n", child.output()), e.getCause());
                    }
                }
                assertTrue(echoed >= 1, "no client got its echo");
            } finally {
                clients.shutdownNow();
            }

            canary.assertServed(5);
            assertTrue(child.linesContaining("OutOfMemoryError").isEmpty(), () -> "the server ran out of memory: "
                    + child.linesContaining("OutOfMemoryError"));
            assertTrue(child.isAlive(), "the server is running");
            assertEquals(Outcome.ECHOED, echoOrRefusal(child.port(), message), "a client alone, after the crowd");
        }
    }

    private static Outcome echoOrRefusal(int port, byte[] message) throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(port, "/large-echo")) {
            client.readTimeout(120_000);
            try {
                LargeMessages.sendBinary(client, message, message.length);
            } catch (SocketException e) {
                // refused while still sending, and the sending paused longer than the server's linger (a loaded
                // machine): the server's close frame came before the end of its input, and can still be read
            }
            RawWebSocketClient.Frame frame = client.readFrame();
            if (frame.opcode() == RawWebSocketClient.BINARY) {
                assertArrayEquals(message, frame.payload(), "the echo");
                return Outcome.ECHOED;
            }
            if (frame.opcode() == RawWebSocketClient.CLOSE && frame.rsv() == 0
                    && (frame.closeCode() == 1009 || frame.closeCode() == 1013)) {
                return Outcome.REFUSED;
            }
            return fail("expected the echo or a close frame with 1009 or 1013, got " + frame);
        }
    }
}
