package io.wsconnector.tests.limits;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.LogCapture;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends a large message and never reads what the handler sends back stalls the server's writes,
 * the handler waiting in its sends; the idle timeout ends the connection. The log must say that, once, rather than blame the handler whose reply could
 * not be written (issue 11, finding 7: it read {@code SEVERE: @OnBinaryMessage ... threw}).
 */
@Timeout(120)
class StalledWriterLogTest {
    private static final int MESSAGE = 4 * 1024 * 1024;

    private final Recorder recorder = new Recorder();
    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    @Test
    void aStalledReaderCutOffByTheIdleTimeoutIsLoggedAsSuchAndNotAsAHandlerFailure() throws Exception {
        server = TestServers.start(builder -> builder.maxMessageSize(MESSAGE).idleTimeout(Duration.ofSeconds(1))
                        .closeTimeout(Duration.ofSeconds(1)),
                new RepeatEndpoint_WebSocketEndpoint(() -> new RepeatEndpoint(recorder)));
        try (LogCapture log = new LogCapture("io.wsconnector");
             RawWebSocketClient client = RawWebSocketClient.connectWithReceiveBuffer(server.port(), "/repeat", 4096)) {
            String id = recorder.nextOf(Recorder.Opened.class).id();
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                try {
                    LargeMessages.sendBinary(client, new byte[MESSAGE], MESSAGE);
                } catch (IOException e) {
                    // the server gave up on this client
                }
            });

            Recorder.Closed closed = recorder.nextOf(Recorder.Closed.class);
            sender.join(10_000);

            List<LogRecord> aboutSession = log.recordsAtLeast(Level.INFO).stream()
                    .filter(record -> record.getMessage() != null && record.getMessage().contains(id)).toList();
            List<String> messages = aboutSession.stream().map(LogRecord::getMessage).toList();
            assertFalse(messages.stream().anyMatch(message -> message.contains("threw")),
                    () -> "a handler is blamed for a client that stopped reading: " + messages + "; closed " + closed);
            assertTrue(aboutSession.stream().noneMatch(record -> record.getThrown() != null),
                    () -> "a stack trace for a client that stopped reading: " + messages);
            assertTrue(messages.size() == 1 && messages.getFirst().contains("idle"),
                    () -> "one line that says the idle timeout closed a connection whose writes had stalled: " + messages);
        }
    }

    @Test
    void aHandlerWhoseWritesStallAfterTheIdleTimeoutCameDue_isCutOffAllTheSame() throws Exception {
        server = TestServers.start(builder -> builder.idleTimeout(Duration.ofSeconds(1)).closeTimeout(Duration.ofSeconds(1)),
                new LateFloodEndpoint_WebSocketEndpoint(() -> new LateFloodEndpoint(recorder)));
        try (LogCapture log = new LogCapture("io.wsconnector");
             RawWebSocketClient client = RawWebSocketClient.connectWithReceiveBuffer(server.port(), "/late-flood", 4096)) {
            String id = recorder.nextOf(Recorder.Opened.class).id();
            // the idle timeout comes due while the handler works: its onIdleTimeout waits for the handler's turn,
            // which never comes, as the handler then waits in writes the client does not read
            client.sendText("1500");

            Recorder.Closed closed = recorder.closeOf(id, Duration.ofSeconds(30));

            // cut off: no close frame can get past the stalled writes
            assertEquals(1006, closed.statusCode(), () -> "closed " + closed);
            List<String> aboutSession = log.recordsAtLeast(Level.INFO).stream().map(LogRecord::getMessage)
                    .filter(message -> message != null && message.contains(id)).toList();
            assertTrue(aboutSession.size() == 1 && aboutSession.getFirst().contains("idle"),
                    () -> "one line that says the idle timeout closed a connection whose writes had stalled: " + aboutSession);
        }
    }
}
