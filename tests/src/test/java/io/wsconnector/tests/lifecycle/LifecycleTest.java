package io.wsconnector.tests.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.LifecycleEndpoint;
import io.wsconnector.tests.LifecycleEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @OnOpen}, {@code @OnClose} and the {@link WebSocketSession} handed to handlers. */
@Timeout(60)
class LifecycleTest {
    private static final String LIFECYCLE = "/test/lifecycle";
    private static final String NO_ARGUMENT_CLOSE = "/no-argument-close";

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new LifecycleEndpoint_WebSocketEndpoint(() -> new LifecycleEndpoint(recorder)),
                    new NoArgumentCloseEndpoint_WebSocketEndpoint(() -> new NoArgumentCloseEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    @Test
    void onOpenRunsOncePerConnectionWithAnOpenSessionWithAUniqueId() throws Exception {
        int connections = 8;
        List<JdkClient> clients = new ArrayList<>();
        Set<String> idsSeenByMessages = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            JdkClient client = SERVER.clients().connect(LIFECYCLE);
            clients.add(client);
            // @OnOpen runs before any message is handled: once "id" is answered, its @OnOpen has run
            idsSeenByMessages.add(client.send("id").awaitText());
        }

        List<Recorder.Opened> opened = recorder.all(Recorder.Opened.class);
        assertEquals(connections, opened.size(), () -> "@OnOpen calls: " + opened);
        Set<String> idsSeenByOpen = new HashSet<>();
        for (Recorder.Opened open : opened) {
            assertFalse(open.id() == null || open.id().isBlank(), () -> "empty id in " + open);
            assertTrue(open.open(), () -> "isOpen() was false in @OnOpen: " + open);
            idsSeenByOpen.add(open.id());
        }
        assertEquals(connections, idsSeenByOpen.size(), () -> "ids not unique: " + opened);
        assertEquals(idsSeenByOpen, idsSeenByMessages, "@OnTextMessage got the session of @OnOpen");
        for (JdkClient client : clients) {
            client.close(1000, "");
        }
    }

    @Test
    void aClientCloseReachesOnCloseWithItsCodeAndReason() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        String id = recorder.next(Recorder.Opened.class).id();

        client.close(4001, "bye");

        Recorder.Closed closed = recorder.next(Recorder.Closed.class);
        assertEquals(new Recorder.Closed(id, 4001, "bye", false), closed);
        client.awaitClose();
        assertEquals(1, recorder.all(Recorder.Closed.class).size(), () -> "events: " + recorder.all());
    }

    @Test
    void aClientCloseWithAMultiByteReasonArrivesIntact() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        String id = recorder.next(Recorder.Opened.class).id();

        client.close(1000, "au revoir, 再见 👋");

        assertEquals(new Recorder.Closed(id, 1000, "au revoir, 再见 👋", false), recorder.next(Recorder.Closed.class));
    }

    @Test
    void anOnCloseWithoutParametersRuns() throws Exception {
        JdkClient client = SERVER.clients().connect(NO_ARGUMENT_CLOSE);

        client.close(4001, "bye");

        recorder.next(Recorder.ClosedWithoutArguments.class);
        client.awaitClose();
        assertEquals(1, recorder.all(Recorder.ClosedWithoutArguments.class).size());
    }

    @Test
    void aRawClientCloseReachesOnCloseAndTheServerAnswersWithACloseFrame() throws Exception {
        try (RawWebSocketClient client = SERVER.clients().raw(LIFECYCLE)) {
            String id = recorder.next(Recorder.Opened.class).id();

            client.sendClose(4001, "bye");

            RawWebSocketClient.Frame answer = client.readClose();
            assertEquals(RawWebSocketClient.CLOSE, answer.opcode());
            assertEquals(new Recorder.Closed(id, 4001, "bye", false), recorder.next(Recorder.Closed.class));
            assertTrue(client.awaitEndOfStream(), "the server should end the connection after the closing handshake");
        }
    }

    @Test
    void sendTextAfterCloseInAHandlerThrowsIllegalStateExceptionAndSendsNothing() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        String id = recorder.next(Recorder.Opened.class).id();

        client.send("close-then-send");

        assertEquals(new JdkClient.Close(4003, "closing"), client.awaitEvent(), "the close, and no \"late\" before it");
        assertEquals(new Recorder.Outcome(id, "IllegalStateException, open=false"),
                recorder.nextOf(Recorder.Outcome.class));
        assertEquals(4003, recorder.nextOf(Recorder.Closed.class).statusCode());
    }

    @Test
    void sendTextAfterTheClientClosedThrowsIllegalStateException() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        WebSocketSession session = recorder.next(Recorder.Opened.class).session();

        client.close(1000, "done");
        recorder.next(Recorder.Closed.class);

        assertFalse(session.isOpen());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> session.sendText("too late"));
        assertTrue(thrown.getMessage().contains(session.id()), thrown::getMessage);
        assertDoesNotThrow(() -> session.close(), "closing a closed session does nothing");
        assertDoesNotThrow(() -> session.close(4000, "again"), "closing a closed session does nothing");
    }

    @Test
    void closeWithACodeThatMayNotBeSentThrowsIllegalArgumentExceptionAndLeavesTheSessionOpen() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        WebSocketSession session = recorder.next(Recorder.Opened.class).session();

        for (int code : new int[] {1005, 999, 0, -1, 1004, 1006, 1015, 2999, 5000}) {
            assertThrows(IllegalArgumentException.class, () -> session.close(code, ""), "close code " + code);
        }

        assertTrue(session.isOpen());
        assertEquals("still open", client.send("still open").awaitText());
        client.assertNothingPending();
        client.close(1000, "");
    }

    @Test
    void closeWithAReasonOver123BytesThrowsIllegalArgumentExceptionAndLeavesTheSessionOpen() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        WebSocketSession session = recorder.next(Recorder.Opened.class).session();

        assertThrows(IllegalArgumentException.class, () -> session.close(1000, "x".repeat(124)));
        // 62 chars but 124 bytes: the limit is on bytes
        assertThrows(IllegalArgumentException.class, () -> session.close(1000, "é".repeat(62)));
        assertThrows(IllegalArgumentException.class, () -> session.close(4000, "😀".repeat(31)));

        assertTrue(session.isOpen());
        assertEquals("still open", client.send("still open").awaitText());
        client.assertNothingPending();
        client.close(1000, "");
    }

    @Test
    void closeWithAReasonOfExactly123BytesReachesTheClient() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        WebSocketSession session = recorder.next(Recorder.Opened.class).session();
        String reason = "中".repeat(41); // 123 bytes

        session.close(4002, reason);

        assertFalse(session.isOpen());
        assertEquals(new JdkClient.Close(4002, reason), client.awaitClose());
        assertInstanceOf(Recorder.Closed.class, recorder.next(Recorder.Closed.class));
    }

    @Test
    void closeWithoutArgumentsSends1000WithAnEmptyReason() throws Exception {
        JdkClient client = SERVER.clients().connect(LIFECYCLE);
        WebSocketSession session = recorder.next(Recorder.Opened.class).session();

        session.close();

        assertEquals(new JdkClient.Close(1000, ""), client.awaitClose());
        assertThrows(IllegalStateException.class, () -> session.sendText("after close"));
    }
}
