package io.wsconnector.tests.errors;

import java.util.List;
import java.util.TreeSet;

import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @OnError} over real sockets: the handler of the most specific matching type runs (whatever the order
 * of declaration), exactly one, and the connection stays open after it; exceptions from {@code @OnOpen},
 * {@code @OnBinaryMessage} and failed {@code CompletionStage} replies reach it too; an exception no handler
 * matches, or one an {@code @OnError} throws, closes the connection with 1011 without its text.
 */
@Timeout(60)
class ErrorHandlerTest {
    private static final String ERRORS = "/errors";

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
            new ErrorEndpoint_WebSocketEndpoint(() -> new ErrorEndpoint(recorder)));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    private static JdkClient connect() throws Exception {
        JdkClient client = SERVER.clients().connect(ERRORS);
        assertEquals("OnOpen", recorder.next(Recorder.Call.class).handler());
        return client;
    }

    /** The @OnError calls recorded so far. */
    private static List<Recorder.Call> errorHandlerCalls() {
        return recorder.all(Recorder.Call.class).stream().filter(call -> call.handler().startsWith("OnError")).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "iae       | OnError(IllegalArgumentException) | IllegalArgumentException handler: iae",
            "nfe       | OnError(NumberFormatException)    | NumberFormatException handler on /errors: nfe",
            "ise       | OnError(Exception)                | Exception handler: ise",
            "checked   | OnError(Exception)                | Exception handler: checked",
            "async-iae | OnError(IllegalArgumentException) | IllegalArgumentException handler: async-iae",
            "async-nfe | OnError(NumberFormatException)    | NumberFormatException handler on /errors: async-nfe"})
    void theMostSpecificHandlerRunsOnceAndTheConnectionStaysOpen(String message, String handler, String answer)
            throws Exception {
        JdkClient client = connect();

        client.send(message);

        assertEquals(answer, client.awaitText());
        assertEquals("echo:after", client.send("after").awaitText(), "the connection stays open");
        assertTrue(client.isOpen());
        List<Recorder.Call> calls = errorHandlerCalls();
        assertEquals(1, calls.size(), () -> "@OnError calls: " + calls);
        assertEquals(handler, calls.getFirst().handler(), calls::toString);
        assertEquals(message, calls.getFirst().values().get(1), calls::toString);
        client.assertNothingPending();
        client.close(1000, "");
    }

    @Test
    void severalErrorsOnOneConnectionEachGoToTheirHandler() throws Exception {
        JdkClient client = connect();

        for (String message : List.of("nfe", "ise", "iae", "async-nfe", "checked", "async-iae")) {
            client.send(message);
        }

        // async-nfe fails later, on another thread: its answer may come after those of later messages
        assertEquals(new TreeSet<>(List.of("NumberFormatException handler on /errors: nfe", "Exception handler: ise",
                "IllegalArgumentException handler: iae", "NumberFormatException handler on /errors: async-nfe",
                "Exception handler: checked", "IllegalArgumentException handler: async-iae")),
                new TreeSet<>(List.of(client.awaitText(), client.awaitText(), client.awaitText(),
                        client.awaitText(), client.awaitText(), client.awaitText())));
        assertEquals("echo:still open", client.send("still open").awaitText());
        assertEquals(6, errorHandlerCalls().size(), () -> "calls: " + recorder.all());
        client.close(1000, "");
    }

    @Test
    void anExceptionFromOnOpenGoesToOnErrorAndTheConnectionStaysOpen() throws Exception {
        JdkClient client = SERVER.clients().connect(ERRORS + "?failOpen=true");

        assertEquals("IllegalArgumentException handler: open", client.awaitText());
        assertEquals("echo:after", client.send("after").awaitText());
        client.close(1000, "");
    }

    @Test
    void anExceptionFromOnBinaryMessageGoesToOnErrorAndTheConnectionStaysOpen() throws Exception {
        JdkClient client = connect();

        client.sendBinary(new byte[] {1, 2});

        assertEquals("IllegalArgumentException handler: binary", client.awaitText());
        assertEquals("echo:after", client.send("after").awaitText());
        assertEquals(List.of(Recorder.Call.of("OnBinaryMessage", 2),
                Recorder.Call.of("OnError(IllegalArgumentException)", "IllegalArgumentException", "binary")),
                recorder.all(Recorder.Call.class).subList(1, 3));
        client.close(1000, "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ErrorEndpoint.ERROR, "async-error", ErrorEndpoint.RETHROW})
    void anExceptionNoHandlerTakesClosesTheConnectionWith1011WithoutItsText(String message) throws Exception {
        JdkClient client = connect();
        assertEquals("echo:before", client.send("before").awaitText());

        client.send(message);

        Object event = client.awaitEvent();
        assertTrue(event instanceof JdkClient.Close, () -> "expected the close, got " + event);
        JdkClient.Close close = (JdkClient.Close) event;
        assertEquals(1011, close.statusCode(), close::toString);
        assertFalse(close.reason().contains(ErrorEndpoint.SECRET), close::toString);
        assertFalse(close.reason().contains("AssertionError") || close.reason().contains("Exception"), close::toString);
        // the JDK client answers the close frame by itself
        assertEquals(Recorder.Call.of("OnClose", 1011), awaitCall("OnClose"));
        List<Recorder.Call> calls = errorHandlerCalls();
        if (message.equals(ErrorEndpoint.RETHROW)) {
            assertEquals(List.of(Recorder.Call.of("OnError(Exception)", "IllegalStateException", ErrorEndpoint.RETHROW)),
                    calls, "the handler ran, and threw");
        } else {
            assertEquals(List.of(), calls, "no @OnError method takes an AssertionError");
        }
    }

    private static Recorder.Call awaitCall(String handler) throws InterruptedException {
        while (true) {
            Recorder.Call call = recorder.nextOf(Recorder.Call.class);
            if (call.handler().equals(handler)) {
                return call;
            }
        }
    }
}
