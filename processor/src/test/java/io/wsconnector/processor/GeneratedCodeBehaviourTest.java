package io.wsconnector.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.wsconnector.processor.TestSources.compile;
import static io.wsconnector.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;

import io.wsconnector.runtime.HandshakeRequest;
import io.wsconnector.runtime.UpgradeRejectedException;
import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.WebSocketSessions;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Runs the generated code: compiles endpoint classes with the processor, loads the generated dispatcher
 * and registration, and drives them with a recording session and a fake handshake, checking what the
 * handlers receive and what is sent back. What the generated sources look like is pinned by
 * {@link WebSocketProcessorGoldenTest}; the generated code under a real server and real clients is
 * tested in the {@code tests} module.
 */
class GeneratedCodeBehaviourTest {

    /**
     * Runs the generated code of {@link RepresentativeEndpoints#ECHO}-like handlers: arguments arrive in
     * the order the handler declares them, and a returned String is sent back.
     */
    @Test
    void generatedDispatcher_passesArgumentsInDeclaredOrder_andSendsReply() throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Recorder",
                "package test;",
                "",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "",
                "import io.wsconnector.annotations.OnClose;",
                "import io.wsconnector.annotations.OnOpen;",
                "import io.wsconnector.annotations.OnTextMessage;",
                "import io.wsconnector.annotations.WebSocketUpgradePath;",
                "import io.wsconnector.runtime.WebSocketSession;",
                "",
                "@WebSocketUpgradePath(\"/recorder\")",
                "public class Recorder {",
                "    public static final List<String> EVENTS = new ArrayList<>();",
                "",
                "    @OnOpen",
                "    void opened() {",
                "        EVENTS.add(\"open\");",
                "    }",
                "",
                "    @OnTextMessage",
                "    String text(String message, WebSocketSession session) {",
                "        EVENTS.add(\"text \" + message + \" from \" + session.id());",
                "        return message.equals(\"quiet\") ? null : \"re: \" + message;",
                "    }",
                "",
                "    @OnClose",
                "    void closed(String reason, int code, WebSocketSession session) {",
                "        EVENTS.add(\"close \" + code + \" \" + reason + \" from \" + session.id());",
                "    }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();

        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketEndpoint endpoint = (WebSocketEndpoint) loader.loadClass("test.Recorder_WebSocketEndpoint")
                .getConstructor().newInstance();
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) loader.loadClass("test.Recorder").getField("EVENTS").get(null);
        RecordingSession session = new RecordingSession("s1");

        assertEquals("/recorder", endpoint.path());
        assertEquals("test.Recorder", endpoint.endpointClassName());
        WebSocketDispatcher dispatcher = endpoint.newDispatcher(FakeHandshake.at("/recorder"));
        dispatcher.onOpen(session);
        assertNull(dispatcher.onTextMessage(session, "hi"), "nothing pending after a synchronous handler");
        dispatcher.onTextMessage(session, "quiet");
        dispatcher.onClose(session, 1000, "bye");

        assertEquals(List.of("open", "text hi from s1", "text quiet from s1", "close 1000 bye from s1"), events);
        assertEquals(List.of("re: hi"), session.sent, "replies sent; none for a null reply");
    }

    /**
     * Runs the generated code of binary handlers, one taking and returning a {@code ByteBuffer}, one a
     * {@code byte[]}: each receives the bytes given, a returned buffer or array is sent back with the
     * matching {@code sendBinary}, and a {@code null} reply sends nothing.
     */
    @Test
    void generatedDispatcher_passesBinaryMessage_andSendsBinaryReply() throws Exception {
        JavaFileObject buffers = JavaFileObjects.forSourceLines("test.BufferRecorder",
                "package test;",
                "",
                "import java.nio.ByteBuffer;",
                "import java.util.ArrayList;",
                "import java.util.HexFormat;",
                "import java.util.List;",
                "",
                "import io.wsconnector.annotations.OnBinaryMessage;",
                "import io.wsconnector.annotations.WebSocketUpgradePath;",
                "import io.wsconnector.runtime.WebSocketSession;",
                "",
                "@WebSocketUpgradePath(\"/buffers\")",
                "public class BufferRecorder {",
                "    public static final List<String> EVENTS = new ArrayList<>();",
                "",
                "    @OnBinaryMessage",
                "    ByteBuffer data(WebSocketSession session, ByteBuffer message) {",
                "        byte[] bytes = new byte[message.remaining()];",
                "        message.get(bytes);",
                "        EVENTS.add(\"buffer [\" + HexFormat.of().formatHex(bytes) + \"] from \" + session.id());",
                "        // all but the first byte: a buffer whose position is not 0",
                "        return bytes.length == 0 ? null : ByteBuffer.wrap(bytes, 1, bytes.length - 1);",
                "    }",
                "}");
        JavaFileObject arrays = JavaFileObjects.forSourceLines("test.ArrayRecorder",
                "package test;",
                "",
                "import java.util.ArrayList;",
                "import java.util.HexFormat;",
                "import java.util.List;",
                "",
                "import io.wsconnector.annotations.OnBinaryMessage;",
                "import io.wsconnector.annotations.WebSocketUpgradePath;",
                "",
                "@WebSocketUpgradePath(\"/arrays\")",
                "public class ArrayRecorder {",
                "    public static final List<String> EVENTS = new ArrayList<>();",
                "",
                "    @OnBinaryMessage",
                "    byte[] data(byte[] message) {",
                "        EVENTS.add(\"array [\" + HexFormat.of().formatHex(message) + \"]\");",
                "        // the length, in one byte",
                "        return message.length == 0 ? null : new byte[] {(byte) message.length};",
                "    }",
                "}");
        Compilation compilation = compile(buffers, arrays);
        assertThat(compilation).succeededWithoutWarnings();

        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketDispatcher bufferDispatcher = ((WebSocketEndpoint) loader
                .loadClass("test.BufferRecorder_WebSocketEndpoint").getConstructor().newInstance()).newDispatcher(FakeHandshake.at("/buffers"));
        WebSocketDispatcher arrayDispatcher = ((WebSocketEndpoint) loader
                .loadClass("test.ArrayRecorder_WebSocketEndpoint").getConstructor().newInstance())
                .newDispatcher(FakeHandshake.at("/arrays"));
        @SuppressWarnings("unchecked")
        List<String> bufferEvents = (List<String>) loader.loadClass("test.BufferRecorder").getField("EVENTS").get(null);
        @SuppressWarnings("unchecked")
        List<String> arrayEvents = (List<String>) loader.loadClass("test.ArrayRecorder").getField("EVENTS").get(null);
        RecordingSession bufferSession = new RecordingSession("s1");
        RecordingSession arraySession = new RecordingSession("s2");

        bufferDispatcher.onBinaryMessage(bufferSession, new byte[] {1, 2, (byte) 0xff});
        bufferDispatcher.onBinaryMessage(bufferSession, new byte[0]);
        arrayDispatcher.onBinaryMessage(arraySession, new byte[] {0, 10, 20, 30});
        arrayDispatcher.onBinaryMessage(arraySession, new byte[0]);

        assertEquals(List.of("buffer [0102ff] from s1", "buffer [] from s1"), bufferEvents);
        assertEquals(List.of("binary buffer [02ff]"), bufferSession.sent, "replies sent; none for a null reply");
        assertEquals(List.of("array [000a141e]", "array []"), arrayEvents);
        assertEquals(List.of("binary array [04]"), arraySession.sent, "replies sent; none for a null reply");
    }

    /**
     * Runs the generated code of {@code broadcast = true} handlers, a text one returning a
     * {@code String} and a binary one returning a {@code byte[]}: each reply goes to the session's
     * {@code broadcastText}/{@code broadcastBinary} (every open session of the endpoint), never to
     * {@code sendText}/{@code sendBinary}, and a {@code null} reply broadcasts nothing.
     */
    @Test
    void generatedDispatcher_broadcastsReply_andNothingForNull() throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Shout",
                "package test;",
                "",
                "import java.util.ArrayList;",
                "import java.util.HexFormat;",
                "import java.util.List;",
                "",
                "import io.wsconnector.annotations.OnBinaryMessage;",
                "import io.wsconnector.annotations.OnTextMessage;",
                "import io.wsconnector.annotations.WebSocketUpgradePath;",
                "import io.wsconnector.runtime.WebSocketSession;",
                "",
                "@WebSocketUpgradePath(\"/shout\")",
                "public class Shout {",
                "    public static final List<String> EVENTS = new ArrayList<>();",
                "",
                "    @OnTextMessage(broadcast = true)",
                "    String text(String message, WebSocketSession session) {",
                "        EVENTS.add(\"text \" + message + \" from \" + session.id());",
                "        return message.equals(\"quiet\") ? null : session.id() + \": \" + message;",
                "    }",
                "",
                "    @OnBinaryMessage(broadcast = true)",
                "    byte[] data(byte[] message) {",
                "        EVENTS.add(\"binary [\" + HexFormat.of().formatHex(message) + \"]\");",
                "        return message.length == 0 ? null : message;",
                "    }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketDispatcher dispatcher = ((WebSocketEndpoint) loader.loadClass("test.Shout_WebSocketEndpoint")
                .getConstructor().newInstance()).newDispatcher(FakeHandshake.at("/shout"));
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) loader.loadClass("test.Shout").getField("EVENTS").get(null);
        RecordingSession session = new RecordingSession("s1");

        dispatcher.onTextMessage(session, "hi");
        dispatcher.onTextMessage(session, "quiet");
        dispatcher.onBinaryMessage(session, new byte[] {1, 2, (byte) 0xff});
        dispatcher.onBinaryMessage(session, new byte[0]);

        assertEquals(List.of("text hi from s1", "text quiet from s1", "binary [0102ff]", "binary []"), events);
        assertEquals(List.of("broadcast s1: hi", "broadcast binary array [0102ff]"), session.sent,
                "replies broadcast, none sent to the sender alone; nothing for a null reply");
    }

    /**
     * Runs the generated code of {@code broadcast = true} handlers that return a
     * {@code CompletionStage<String>} and a {@code CompletionStage<ByteBuffer>}: each result is
     * broadcast when its stage completes, not before, and a {@code null} result broadcasts nothing.
     */
    @Test
    void generatedDispatcher_broadcastsAsyncReplyWhenItCompletes_andNothingForNull() throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.AsyncShout",
                "package test;",
                "",
                "import java.nio.ByteBuffer;",
                "import java.util.concurrent.CompletableFuture;",
                "import java.util.concurrent.CompletionStage;",
                "",
                "import io.wsconnector.annotations.OnBinaryMessage;",
                "import io.wsconnector.annotations.OnTextMessage;",
                "import io.wsconnector.annotations.WebSocketUpgradePath;",
                "",
                "@WebSocketUpgradePath(\"/shout\")",
                "public class AsyncShout {",
                "    public static final CompletableFuture<String> LATER = new CompletableFuture<>();",
                "",
                "    @OnTextMessage(broadcast = true)",
                "    CompletionStage<String> text(String message) {",
                "        if (message.equals(\"later\")) {",
                "            return LATER;",
                "        }",
                "        return CompletableFuture.completedFuture(message.equals(\"quiet\") ? null : \"re: \" + message);",
                "    }",
                "",
                "    @OnBinaryMessage(broadcast = true)",
                "    CompletionStage<ByteBuffer> data(ByteBuffer message) {",
                "        return CompletableFuture.completedFuture(message.hasRemaining() ? message.position(1) : null);",
                "    }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketDispatcher dispatcher = ((WebSocketEndpoint) loader.loadClass("test.AsyncShout_WebSocketEndpoint")
                .getConstructor().newInstance()).newDispatcher(FakeHandshake.at("/shout"));
        @SuppressWarnings("unchecked")
        CompletableFuture<String> later = (CompletableFuture<String>) loader.loadClass("test.AsyncShout")
                .getField("LATER").get(null);
        RecordingSession session = new RecordingSession("s1");

        CompletionStage<?> pending = dispatcher.onTextMessage(session, "later");
        assertNotNull(pending, "the reply is pending");
        dispatcher.onTextMessage(session, "hi");
        dispatcher.onTextMessage(session, "quiet");
        dispatcher.onBinaryMessage(session, new byte[] {1, 2, 3});
        dispatcher.onBinaryMessage(session, new byte[0]);

        assertEquals(List.of("broadcast re: hi", "broadcast binary buffer [0203]"), session.sent,
                "completed results broadcast; nothing for a null result or a stage still running");
        assertFalse(pending.toCompletableFuture().isDone(), "pending until the handler's stage completes");
        later.complete("news");
        assertEquals(List.of("broadcast re: hi", "broadcast binary buffer [0203]", "broadcast news"), session.sent,
                "broadcast when the stage completes");
        assertTrue(pending.toCompletableFuture().isDone(), "done once the reply is handed to the session");
    }

    /** The source of {@code test.Room}: every handler kind, each recording what it receives in {@code EVENTS}. */
    private static final JavaFileObject ROOM = JavaFileObjects.forSourceLines("test.Room",
            "package test;",
            "",
            "import java.nio.ByteBuffer;",
            "import java.util.ArrayList;",
            "import java.util.HexFormat;",
            "import java.util.List;",
            "import java.util.Optional;",
            "import java.util.UUID;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "import io.wsconnector.annotations.*;",
            "import io.wsconnector.runtime.HandshakeRequest;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@BasePath(\"/rooms/{room}\")",
            "@WebSocketUpgradePath(\"/{userId}/{color}\")",
            "public class Room {",
            "    public enum Color { RED, GREEN }",
            "    public static final List<String> EVENTS = new ArrayList<>();",
            "",
            "    @OnUpgrade",
            "    void upgrade(@PathParam int userId, HandshakeRequest request, WebSocketSession session,",
            "                 @QueryParam Optional<UUID> trace) {",
            "        EVENTS.add(\"upgrade \" + (userId + 1) + \" \" + request.path() + \" \" + trace);",
            "        session.attribute(\"user\", userId);",
            "    }",
            "",
            "    @OnOpen",
            "    void opened(@PathParam String room, @PathParam Color color, @QueryParam(\"debug\") boolean debug,",
            "                @HeaderParam(\"X-Retries\") Optional<Long> retries, HandshakeRequest request) {",
            "        EVENTS.add(\"open \" + room + \" \" + color + \" \" + !debug + \" \" + retries + \" \" + request.path());",
            "    }",
            "",
            "    @OnTextMessage",
            "    CompletionStage<String> text(String message, @PathParam(\"userId\") Integer user, WebSocketSession session) {",
            "        EVENTS.add(\"text \" + message + \" from \" + user + \" = \" + session.attribute(\"user\"));",
            "        return CompletableFuture.completedFuture(message.equals(\"quiet\") ? null : \"re: \" + message);",
            "    }",
            "",
            "    @OnBinaryMessage",
            "    CompletionStage<ByteBuffer> data(ByteBuffer message) {",
            "        return CompletableFuture.completedFuture(message.position(1));",
            "    }",
            "",
            "    @OnPing",
            "    void ping(byte[] payload, @PathParam String room) {",
            "        EVENTS.add(\"ping [\" + HexFormat.of().formatHex(payload) + \"] in \" + room);",
            "    }",
            "",
            "    @OnPong",
            "    void pong(ByteBuffer payload) {",
            "        EVENTS.add(\"pong \" + payload.remaining());",
            "    }",
            "",
            "    @OnIdleTimeout",
            "    void idle(@PathParam Color color) {",
            "        EVENTS.add(\"idle \" + color.ordinal());",
            "    }",
            "",
            "    @OnClose",
            "    void closed(int code, @QueryParam(\"debug\") boolean debug) {",
            "        EVENTS.add(\"close \" + code + \" \" + debug);",
            "    }",
            "}");

    /**
     * Runs the generated dispatcher of an endpoint that takes handshake values in every handler: each
     * value is looked up and converted once, when the dispatcher is created, before the {@code @OnUpgrade} method
     * runs; every later handler gets the converted values without another lookup; a
     * {@code HandshakeRequest} parameter gets the request; asynchronous replies are sent.
     */
    @Test
    void generatedDispatcher_bindsHandshakeValuesOnceWhenCreated_andPassesThemToEveryHandler() throws Exception {
        Compilation compilation = compile(ROOM);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketEndpoint endpoint = (WebSocketEndpoint) loader.loadClass("test.Room_WebSocketEndpoint")
                .getConstructor().newInstance();
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) loader.loadClass("test.Room").getField("EVENTS").get(null);
        FakeHandshake handshake = new FakeHandshake("/rooms/lobby/41/GREEN",
                Map.of("room", "lobby", "userId", "41", "color", "GREEN"),
                Map.of("debug", "TRUE", "trace", "123e4567-e89b-12d3-a456-426614174000"),
                Map.of("x-retries", "3"));
        RecordingSession session = new RecordingSession("s1", handshake);

        assertEquals("/rooms/{room}/{userId}/{color}", endpoint.path());
        WebSocketDispatcher dispatcher = endpoint.newDispatcher(handshake);
        // room, userId, color, debug, trace, X-Retries: each read once, whichever handlers take it
        assertEquals(6, handshake.lookups, "lookups when the dispatcher is created");
        dispatcher.onUpgrade(session);
        dispatcher.onOpen(session);
        dispatcher.onTextMessage(session, "hi");
        dispatcher.onTextMessage(session, "quiet");
        dispatcher.onBinaryMessage(session, new byte[] {1, 2, 3});
        dispatcher.onPing(session, new byte[] {(byte) 0xca, (byte) 0xfe});
        dispatcher.onPong(session, new byte[] {1, 2});
        dispatcher.onIdleTimeout(session);
        dispatcher.onClose(session, 1000, "bye");

        assertEquals(List.of(
                        "upgrade 42 /rooms/lobby/41/GREEN Optional[123e4567-e89b-12d3-a456-426614174000]",
                        "open lobby GREEN false Optional[3] /rooms/lobby/41/GREEN",
                        "text hi from 41 = 41",
                        "text quiet from 41 = 41",
                        "ping [cafe] in lobby",
                        "pong 2",
                        "idle 1",
                        "close 1000 true"),
                events);
        assertEquals(List.of("async re: hi", "async binary array [0203]"), session.sent,
                "replies sent when their stage completes; none for a null result");
        assertEquals(6, handshake.lookups, "lookups after the dispatcher was created: none");
    }

    /**
     * A handshake value that is missing or does not convert refuses the upgrade with 400, naming the
     * value, when the dispatcher is created, so the {@code @OnUpgrade} method never runs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "userId not an int    | /rooms/lobby/x1/RED   | lobby | x1 | RED   | true | 1 | Invalid path parameter 'userId': 'x1'",
            "color not a constant | /rooms/lobby/1/red    | lobby | 1  | red   | true | 1 | Invalid path parameter 'color': 'red'",
            "debug not a boolean  | /rooms/lobby/1/RED    | lobby | 1  | RED   | yes  | 1 | Invalid query parameter 'debug': 'yes'",
            "debug missing        | /rooms/lobby/1/RED    | lobby | 1  | RED   |      | 1 | Missing query parameter 'debug'",
            "X-Retries not a long | /rooms/lobby/1/RED    | lobby | 1  | RED   | true | 1.5 | Invalid header 'X-Retries': '1.5'",
    })
    void generatedDispatcher_rejectsUpgradeWith400_whenAHandshakeValueIsMissingOrInvalid(
            String description, String path, String room, String userId, String color, String debug, String retries,
            String expectedMessage) throws Exception {
        Compilation compilation = compile(ROOM);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketEndpoint endpoint = (WebSocketEndpoint) loader.loadClass("test.Room_WebSocketEndpoint")
                .getConstructor().newInstance();
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) loader.loadClass("test.Room").getField("EVENTS").get(null);
        Map<String, String> query = debug == null ? Map.of() : Map.of("debug", debug);
        FakeHandshake handshake = new FakeHandshake(path, Map.of("room", room, "userId", userId, "color", color),
                query, Map.of("x-retries", retries));

        UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class,
                () -> endpoint.newDispatcher(handshake));

        assertEquals(400, rejected.status());
        assertEquals(expectedMessage, rejected.getMessage());
        assertEquals(List.of(), events, "no handler ran");
    }

    /**
     * Runs the generated {@code onError} of an endpoint whose {@code @OnError} methods are declared
     * supertype first: the most specific matching method handles each exception, and an exception no
     * method matches is left to the runtime ({@code false}).
     */
    @Test
    void generatedOnError_callsMostSpecificHandler_andReturnsFalseWhenNoneMatches() throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Failing",
                "package test;",
                "",
                "import java.io.IOException;",
                "import java.io.UncheckedIOException;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "",
                "import io.wsconnector.annotations.*;",
                "import io.wsconnector.runtime.WebSocketSession;",
                "",
                "@WebSocketUpgradePath(\"/failing/{id}\")",
                "public class Failing {",
                "    public static final List<String> EVENTS = new ArrayList<>();",
                "",
                "    @OnError void exception(Exception e, @PathParam String id) { EVENTS.add(\"Exception \" + id); }",
                "    @OnError void runtime(RuntimeException e) { EVENTS.add(\"RuntimeException\"); }",
                "    @OnError void io(UncheckedIOException e) { EVENTS.add(\"UncheckedIOException\"); }",
                "    @OnError void argument(WebSocketSession session, IllegalArgumentException e) {",
                "        EVENTS.add(\"IllegalArgumentException \" + e.getMessage() + \" on \" + session.id());",
                "    }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) loader.loadClass("test.Failing").getField("EVENTS").get(null);
        FakeHandshake handshake = new FakeHandshake("/failing/7", Map.of("id", "7"), Map.of(), Map.of());
        RecordingSession session = new RecordingSession("s1", handshake);
        WebSocketDispatcher dispatcher = ((WebSocketEndpoint) loader.loadClass("test.Failing_WebSocketEndpoint")
                .getConstructor().newInstance()).newDispatcher(handshake);

        assertTrue(dispatcher.onError(session, new NumberFormatException("NaN")), "NumberFormatException");
        assertTrue(dispatcher.onError(session, new IllegalStateException()), "IllegalStateException");
        assertTrue(dispatcher.onError(session, new UncheckedIOException(new IOException())), "UncheckedIOException");
        assertTrue(dispatcher.onError(session, new IOException()), "IOException");
        assertFalse(dispatcher.onError(session, new AssertionError()), "AssertionError, an Error");

        assertEquals(List.of("IllegalArgumentException NaN on s1", "RuntimeException", "UncheckedIOException",
                "Exception 7"), events);
    }

    /** An {@code @OnError} method for {@code Throwable} handles whatever the others do not. */
    @Test
    void generatedOnError_throwableHandlerHandlesTheRest() throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.CatchAll",
                "package test;",
                "",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "",
                "import io.wsconnector.annotations.*;",
                "",
                "@WebSocketUpgradePath(\"/all\")",
                "public class CatchAll {",
                "    public static final List<String> EVENTS = new ArrayList<>();",
                "",
                "    @OnError void any(Throwable t) { EVENTS.add(\"Throwable \" + t.getClass().getSimpleName()); }",
                "    @OnError void state(IllegalStateException e) { EVENTS.add(\"IllegalStateException\"); }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        WebSocketDispatcher dispatcher = ((WebSocketEndpoint) loader.loadClass("test.CatchAll_WebSocketEndpoint")
                .getConstructor().newInstance()).newDispatcher(FakeHandshake.at("/all"));
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) loader.loadClass("test.CatchAll").getField("EVENTS").get(null);
        RecordingSession session = new RecordingSession("s1");

        assertTrue(dispatcher.onError(session, new IllegalStateException()));
        assertTrue(dispatcher.onError(session, new AssertionError()));

        assertEquals(List.of("IllegalStateException", "Throwable AssertionError"), events);
    }

    /**
     * Runs the registration of a class without a no-argument constructor: its one constructor takes
     * the supplier, whose instances serve the connections.
     */
    @Test
    void generatedRegistration_withoutNoArgumentConstructor_servesTheSuppliedInstances() throws Exception {
        Compilation compilation = compile(RepresentativeEndpoints.GREETER);
        assertThat(compilation).succeededWithoutWarnings();

        ClassLoader loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        Class<?> registration = loader.loadClass("test.Greeter_WebSocketEndpoint");
        assertEquals(1, registration.getConstructors().length, "only the constructor that takes a supplier");
        Object greeter = loader.loadClass("test.Greeter").getConstructor(String.class).newInstance("welcome");
        Supplier<Object> instances = () -> greeter;
        WebSocketEndpoint endpoint = (WebSocketEndpoint) registration.getConstructor(Supplier.class)
                .newInstance(instances);
        RecordingSession session = new RecordingSession("s1");

        endpoint.newDispatcher(FakeHandshake.at("/greeter")).onOpen(session);

        assertEquals(List.of("welcome"), session.sent);
    }

    /** Loads the classes a compilation wrote, then those of the tests (the runtime's, notably). */
    private static final class CompiledClassLoader extends ClassLoader {
        private final Compilation compilation;

        CompiledClassLoader(Compilation compilation, ClassLoader parent) {
            super(parent);
            this.compilation = compilation;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject file = compilation
                    .generatedFile(StandardLocation.CLASS_OUTPUT, name.replace('.', '/') + ".class")
                    .orElseThrow(() -> new ClassNotFoundException(name));
            try (InputStream in = file.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    /**
     * A handshake with fixed values that counts how often a path parameter, query parameter or header
     * is looked up.
     */
    static final class FakeHandshake implements HandshakeRequest {
        int lookups;
        private final String path;
        private final Map<String, String> pathParams;
        private final Map<String, String> query;
        private final Map<String, String> headers;

        /** A request without path parameters, query or headers. */
        static FakeHandshake at(String path) {
            return new FakeHandshake(path, Map.of(), Map.of(), Map.of());
        }

        /** @param headers by lower-case name */
        FakeHandshake(String path, Map<String, String> pathParams, Map<String, String> query,
                      Map<String, String> headers) {
            this.path = path;
            this.pathParams = pathParams;
            this.query = query;
            this.headers = headers;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String pathParam(String name) {
            lookups++;
            return pathParams.get(name);
        }

        @Override
        public Map<String, String> pathParams() {
            return pathParams;
        }

        @Override
        public Optional<String> queryParam(String name) {
            lookups++;
            return Optional.ofNullable(query.get(name));
        }

        @Override
        public List<String> queryParams(String name) {
            return query.containsKey(name) ? List.of(query.get(name)) : List.of();
        }

        @Override
        public Optional<String> header(String name) {
            lookups++;
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);
        }

        @Override
        public List<String> requestedSubprotocols() {
            return List.of();
        }

        @Override
        public Optional<String> subprotocol() {
            return Optional.empty();
        }
    }

    /**
     * A session that records what is sent: {@code sendText} as the text, binary messages as
     * {@code binary array [hex]} or {@code binary buffer [hex]}, asynchronous sends with an
     * {@code async } prefix, broadcasts to the endpoint's sessions with a {@code broadcast } prefix,
     * pings as {@code ping [hex]}. It belongs to no endpoint: it has no {@link #sessions()} and no rooms.
     */
    static final class RecordingSession implements WebSocketSession {
        final List<String> sent = new ArrayList<>();
        private final String id;
        private final HandshakeRequest handshake;
        private final Map<String, Object> attributes = new HashMap<>();

        RecordingSession(String id) {
            this(id, null);
        }

        RecordingSession(String id, HandshakeRequest handshake) {
            this.id = id;
            this.handshake = handshake;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void sendText(String text) {
            sent.add(text);
        }

        @Override
        public void sendBinary(byte[] data) {
            sent.add("binary array [" + HexFormat.of().formatHex(data) + "]");
        }

        @Override
        public void sendBinary(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            sent.add("binary buffer [" + HexFormat.of().formatHex(bytes) + "]");
        }

        @Override
        public CompletionStage<Void> sendTextAsync(String text) {
            sent.add("async " + text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> sendBinaryAsync(byte[] data) {
            sent.add("async binary array [" + HexFormat.of().formatHex(data) + "]");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int broadcastText(String text) {
            sent.add("broadcast " + text);
            return 1;
        }

        @Override
        public int broadcastBinary(byte[] data) {
            sent.add("broadcast binary array [" + HexFormat.of().formatHex(data) + "]");
            return 1;
        }

        @Override
        public int broadcastBinary(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            sent.add("broadcast binary buffer [" + HexFormat.of().formatHex(bytes) + "]");
            return 1;
        }

        @Override
        public WebSocketSessions sessions() {
            throw new UnsupportedOperationException("no endpoint sessions in this test");
        }

        @Override
        public boolean join(String room) {
            throw new UnsupportedOperationException("no rooms in this test");
        }

        @Override
        public boolean leave(String room) {
            throw new UnsupportedOperationException("no rooms in this test");
        }

        @Override
        public Set<String> rooms() {
            throw new UnsupportedOperationException("no rooms in this test");
        }

        @Override
        public void sendPing(byte[] payload) {
            sent.add("ping [" + HexFormat.of().formatHex(payload) + "]");
        }

        @Override
        public void close(int statusCode, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String pathParam(String name) {
            return handshake().pathParam(name);
        }

        @Override
        public HandshakeRequest handshake() {
            if (handshake == null) {
                throw new UnsupportedOperationException("no handshake in this test");
            }
            return handshake;
        }

        @Override
        public Optional<String> subprotocol() {
            return handshake().subprotocol();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T attribute(String key) {
            return (T) attributes.get(key);
        }

        @Override
        public void attribute(String key, Object value) {
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
        }
    }
}
