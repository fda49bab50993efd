package io.wsconnector.tests.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message begun must be completed within the message timeout, or the connection is closed with 1008
 * (issue 11, finding 3): a trickle of fragments, each of them activity, used to hold an unfinished message's
 * buffer past any idle timeout. The server here gives a message {@value #DEADLINE_MILLIS} ms.
 */
@Timeout(120)
class MessageDeadlineTest {
    private static final long DEADLINE_MILLIS = 1_000;
    /** How much later than due a loaded machine may close a connection. */
    private static final long LATE_MILLIS = 10_000;

    private WebSocketServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start(builder -> builder.messageTimeout(Duration.ofMillis(DEADLINE_MILLIS)),
                new EchoEndpoint_WebSocketEndpoint());
    }

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private RawWebSocketClient connect() throws IOException {
        return RawWebSocketClient.connect(server.port(), "/test/echo").readTimeout((int) (DEADLINE_MILLIS + LATE_MILLIS));
    }

    @Test
    void aMessageTrickledInFragmentsIsCutOffWith1008AtTheDeadline() throws Exception {
        try (RawWebSocketClient client = connect()) {
            AtomicBoolean stop = new AtomicBoolean();
            long start = System.nanoTime();
            Thread trickle = Thread.ofPlatform().daemon().start(() -> {
                try {
                    client.sendFrame(false, RawWebSocketClient.TEXT, "a");
                    while (!stop.get()) {
                        Thread.sleep(100);
                        client.sendFrame(false, RawWebSocketClient.CONTINUATION, "a");
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection
                }
            });
            try {
                RawWebSocketClient.Frame close = client.readClose();
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(1008, close.closeCode(), close::toString);
                assertTrue(elapsedMillis >= DEADLINE_MILLIS - 100, () -> "cut off after " + elapsedMillis + " ms");
            } finally {
                stop.set(true);
                trickle.join(10_000);
            }
        }
    }

    @Test
    void aMessageStalledInTheMiddleOfAFrameIsCutOffWith1008() throws Exception {
        try (RawWebSocketClient client = connect()) {
            LargeMessages.sendHeader(client, 0x80 | RawWebSocketClient.TEXT, 1000);
            LargeMessages.sendPayload(client, "abcdefghij".getBytes(StandardCharsets.US_ASCII), 10);

            RawWebSocketClient.Frame close = client.readClose();
            assertEquals(1008, close.closeCode(), close::toString);
        }
    }

    @Test
    void aFragmentedMessageCompletedWithinTheDeadlineIsDeliveredAndTheNextOneHasADeadlineOfItsOwn() throws Exception {
        try (RawWebSocketClient client = connect()) {
            for (int round = 0; round < 3; round++) {
                client.sendFrame(false, RawWebSocketClient.TEXT, "one ");
                Thread.sleep(DEADLINE_MILLIS / 5);
                client.sendFrame(false, RawWebSocketClient.CONTINUATION, "two ");
                Thread.sleep(DEADLINE_MILLIS / 5);
                client.sendFrame(true, RawWebSocketClient.CONTINUATION, "three");
                assertEquals("one two three", client.readText());
            }
        }
    }
}
