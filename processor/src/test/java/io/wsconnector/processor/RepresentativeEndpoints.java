package io.wsconnector.processor;

import java.util.List;

import javax.tools.JavaFileObject;

import com.google.testing.compile.JavaFileObjects;

/**
 * Valid endpoint classes, written as a user would, that between them use every shape of handler the
 * generator has to handle.
 */
final class RepresentativeEndpoints {

    /** Every handler kind, parameters in the usual order, with {@code @BasePath}. */
    static final JavaFileObject HELLO_WORLD = JavaFileObjects.forSourceLines("test.HelloWorld",
            "package test;",
            "",
            "import io.wsconnector.annotations.BasePath;",
            "import io.wsconnector.annotations.OnClose;",
            "import io.wsconnector.annotations.OnOpen;",
            "import io.wsconnector.annotations.OnTextMessage;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@BasePath(\"/test\")",
            "@WebSocketUpgradePath(\"/websocket\")",
            "public class HelloWorld {",
            "    @OnOpen",
            "    void opened(WebSocketSession session) {",
            "        session.sendText(\"Hello\");",
            "    }",
            "",
            "    @OnTextMessage",
            "    void message(WebSocketSession session, String message) {",
            "        session.sendText(\"You said: \" + message);",
            "    }",
            "",
            "    @OnClose",
            "    void closed(WebSocketSession session, int statusCode, String reason) {",
            "    }",
            "}");

    /**
     * No {@code @BasePath}, no {@code @OnOpen}, a text handler that replies, takes its parameters in
     * reverse order and throws a checked exception, and a close handler with reason before code.
     */
    static final JavaFileObject ECHO = JavaFileObjects.forSourceLines("test.Echo",
            "package test;",
            "",
            "import java.io.IOException;",
            "",
            "import io.wsconnector.annotations.OnClose;",
            "import io.wsconnector.annotations.OnTextMessage;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@WebSocketUpgradePath(\"/echo\")",
            "public class Echo {",
            "    @OnTextMessage",
            "    String echo(String message, WebSocketSession session) throws IOException {",
            "        if (message.isBlank()) {",
            "            throw new IOException(\"blank message from \" + session.id());",
            "        }",
            "        return message;",
            "    }",
            "",
            "    @OnClose",
            "    void closed(String reason, int code) {",
            "    }",
            "}");

    /** A static nested endpoint class, with only an {@code @OnOpen} handler. */
    static final JavaFileObject OUTER_INNER = JavaFileObjects.forSourceLines("test.Outer",
            "package test;",
            "",
            "import io.wsconnector.annotations.OnOpen;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "public class Outer {",
            "    @WebSocketUpgradePath(\"/inner\")",
            "    public static class Inner {",
            "        @OnOpen",
            "        void opened(WebSocketSession session) {",
            "        }",
            "    }",
            "}");

    /**
     * A binary handler that takes and returns a {@code ByteBuffer}, message before session, declared
     * before a text handler that takes only its message: the dispatcher wraps the message and sends
     * the reply with {@code sendBinary}, and lists its methods in the order of the SPI, not the source.
     */
    static final JavaFileObject BLOB = JavaFileObjects.forSourceLines("test.Blob",
            "package test;",
            "",
            "import java.nio.ByteBuffer;",
            "",
            "import io.wsconnector.annotations.OnBinaryMessage;",
            "import io.wsconnector.annotations.OnTextMessage;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@WebSocketUpgradePath(\"/blob\")",
            "public class Blob {",
            "    @OnBinaryMessage",
            "    ByteBuffer data(ByteBuffer message, WebSocketSession session) {",
            "        if (!message.hasRemaining()) {",
            "            session.close();",
            "            return null;",
            "        }",
            "        return message;",
            "    }",
            "",
            "    @OnTextMessage",
            "    String text(String m) {",
            "        return \"Send binary messages, not '\" + m + \"'\";",
            "    }",
            "}");

    /** Only a binary handler, which takes and returns a {@code byte[]}. */
    static final JavaFileObject BYTES = JavaFileObjects.forSourceLines("test.Bytes",
            "package test;",
            "",
            "import io.wsconnector.annotations.OnBinaryMessage;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "",
            "@WebSocketUpgradePath(\"/bytes\")",
            "public class Bytes {",
            "    @OnBinaryMessage",
            "    byte[] data(byte[] message) {",
            "        return message;",
            "    }",
            "}");

    /**
     * The full endpoint model: a path template in the upgrade path with typed path parameters,
     * {@code @BasePath}, query and header values (some {@code Optional}), {@code @OnUpgrade} taking the
     * request, a value and the session, every other handler kind, asynchronous text and binary replies,
     * three {@code @OnError} methods declared supertype first, and subprotocols, origins and an idle
     * timeout.
     */
    static final JavaFileObject CHAT_ROOM = JavaFileObjects.forSourceLines("test.ChatRoom",
            "package test;",
            "",
            "import java.io.UncheckedIOException;",
            "import java.nio.ByteBuffer;",
            "import java.util.Optional;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "import io.wsconnector.annotations.BasePath;",
            "import io.wsconnector.annotations.HeaderParam;",
            "import io.wsconnector.annotations.OnBinaryMessage;",
            "import io.wsconnector.annotations.OnClose;",
            "import io.wsconnector.annotations.OnError;",
            "import io.wsconnector.annotations.OnIdleTimeout;",
            "import io.wsconnector.annotations.OnOpen;",
            "import io.wsconnector.annotations.OnPing;",
            "import io.wsconnector.annotations.OnPong;",
            "import io.wsconnector.annotations.OnTextMessage;",
            "import io.wsconnector.annotations.OnUpgrade;",
            "import io.wsconnector.annotations.PathParam;",
            "import io.wsconnector.annotations.QueryParam;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.HandshakeRequest;",
            "import io.wsconnector.runtime.UpgradeRejectedException;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@BasePath(\"/chat\")",
            "@WebSocketUpgradePath(value = \"/rooms/{room}/{userId}\",",
            "        subprotocols = {\"chat.v2\", \"chat.v1\"},",
            "        origins = {\"https://chat.example.com\", \"http://localhost:8080\"},",
            "        idleTimeoutSeconds = 30)",
            "public class ChatRoom {",
            "    @OnUpgrade",
            "    void authenticate(HandshakeRequest request, @QueryParam Optional<String> token, WebSocketSession session) {",
            "        String credential = token.or(request::subprotocol)",
            "                .orElseThrow(() -> new UpgradeRejectedException(401, \"A token is required\"));",
            "        session.attribute(\"credential\", credential);",
            "    }",
            "",
            "    @OnOpen",
            "    void joined(WebSocketSession session, @PathParam String room, @PathParam int userId,",
            "                @QueryParam(\"nick\") Optional<String> nick) {",
            "        session.sendText(nick.orElse(\"user \" + userId) + \" joined \" + room);",
            "    }",
            "",
            "    @OnTextMessage",
            "    CompletionStage<String> said(String message, @PathParam(\"room\") String room,",
            "                                 @HeaderParam(\"X-Client-Version\") Optional<Integer> clientVersion) {",
            "        return CompletableFuture.supplyAsync(() -> room + \": \" + message);",
            "    }",
            "",
            "    @OnBinaryMessage",
            "    CompletableFuture<byte[]> avatar(byte[] image, @PathParam(\"userId\") Integer user) {",
            "        return CompletableFuture.completedFuture(image);",
            "    }",
            "",
            "    @OnPing",
            "    void pinged(ByteBuffer payload) {",
            "    }",
            "",
            "    @OnPong",
            "    void ponged(WebSocketSession session, byte[] payload) {",
            "    }",
            "",
            "    @OnIdleTimeout",
            "    void idle(WebSocketSession session) {",
            "        session.close();",
            "    }",
            "",
            "    @OnError",
            "    void failed(Exception error, WebSocketSession session) {",
            "        session.close(1011, \"Something went wrong\");",
            "    }",
            "",
            "    @OnError",
            "    void badInput(IllegalArgumentException error, WebSocketSession session) {",
            "        session.sendText(\"Bad input: \" + error.getMessage());",
            "    }",
            "",
            "    @OnError",
            "    void sendFailed(UncheckedIOException error) {",
            "    }",
            "",
            "    @OnClose",
            "    void left(@PathParam String room, @PathParam int userId, int statusCode) {",
            "    }",
            "}");

    /**
     * Path parameters in {@code @BasePath} too, typed {@code UUID} and a nested enum; required
     * {@code boolean}, {@code long} and header values; a query parameter named like the dispatcher's
     * {@code message} parameter; a {@code HandshakeRequest} outside {@code @OnUpgrade}; a
     * {@code CompletionStage<ByteBuffer>} reply from a handler that throws a checked exception; an
     * {@code @OnError} method for {@code Throwable} declared before one for a subtype; no
     * {@code @OnUpgrade} method and no options.
     */
    static final JavaFileObject TELEMETRY = JavaFileObjects.forSourceLines("test.Telemetry",
            "package test;",
            "",
            "import java.io.IOException;",
            "import java.nio.ByteBuffer;",
            "import java.util.Optional;",
            "import java.util.UUID;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "import io.wsconnector.annotations.BasePath;",
            "import io.wsconnector.annotations.HeaderParam;",
            "import io.wsconnector.annotations.OnBinaryMessage;",
            "import io.wsconnector.annotations.OnError;",
            "import io.wsconnector.annotations.OnOpen;",
            "import io.wsconnector.annotations.PathParam;",
            "import io.wsconnector.annotations.QueryParam;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.HandshakeRequest;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@BasePath(\"/devices/{deviceId}\")",
            "@WebSocketUpgradePath(\"/telemetry/{channel}\")",
            "public class Telemetry {",
            "    public enum Channel { METRICS, LOGS }",
            "",
            "    @OnOpen",
            "    void opened(@PathParam UUID deviceId, @PathParam Channel channel, @QueryParam boolean verbose,",
            "                @HeaderParam(\"X-Firmware\") String firmware, HandshakeRequest request) {",
            "    }",
            "",
            "    @OnBinaryMessage",
            "    CompletionStage<ByteBuffer> sample(ByteBuffer message, @PathParam(\"deviceId\") UUID device,",
            "                                       @QueryParam(\"message\") Optional<Long> messageLimit,",
            "                                       @QueryParam(\"since\") long since) throws IOException {",
            "        return null;",
            "    }",
            "",
            "    @OnError",
            "    void failed(Throwable error, @HeaderParam(\"X-Firmware\") String firmware) {",
            "    }",
            "",
            "    @OnError",
            "    void stateLost(IllegalStateException e, WebSocketSession session) throws IOException {",
            "    }",
            "}");

    /**
     * {@code broadcast = true} replies, sent to every open session of the endpoint instead of only the
     * sender: a {@code String} from a handler that keeps per-connection state, and a
     * {@code ByteBuffer}, each broadcast with the session's {@code broadcastText}/{@code broadcastBinary}
     * unless {@code null}; and an {@code @OnOpen} method, which has nothing to broadcast.
     */
    static final JavaFileObject BROADCASTER = JavaFileObjects.forSourceLines("test.Broadcaster",
            "package test;",
            "",
            "import java.nio.ByteBuffer;",
            "",
            "import io.wsconnector.annotations.OnBinaryMessage;",
            "import io.wsconnector.annotations.OnOpen;",
            "import io.wsconnector.annotations.OnTextMessage;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@WebSocketUpgradePath(\"/broadcast\")",
            "public class Broadcaster {",
            "    private String nick = \"anonymous\";",
            "",
            "    @OnOpen",
            "    void opened(WebSocketSession session) {",
            "        session.broadcastText(session.id() + \" joined\");",
            "    }",
            "",
            "    @OnTextMessage(broadcast = true)",
            "    String said(WebSocketSession session, String message) {",
            "        if (message.startsWith(\"/nick \")) {",
            "            nick = message.substring(\"/nick \".length());",
            "            return null;",
            "        }",
            "        return nick + \": \" + message;",
            "    }",
            "",
            "    @OnBinaryMessage(broadcast = true)",
            "    ByteBuffer drawn(ByteBuffer stroke) {",
            "        return stroke;",
            "    }",
            "}");

    /**
     * {@code broadcast = true} replies that are {@code CompletionStage}s, broadcast with
     * {@code AsyncReplies} when they complete: a {@code CompletionStage<String>} from a handler that
     * takes a path parameter, and a {@code CompletableFuture<byte[]>}.
     */
    static final JavaFileObject NEWSROOM = JavaFileObjects.forSourceLines("test.Newsroom",
            "package test;",
            "",
            "import java.util.Locale;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "import io.wsconnector.annotations.OnBinaryMessage;",
            "import io.wsconnector.annotations.OnTextMessage;",
            "import io.wsconnector.annotations.PathParam;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "",
            "@WebSocketUpgradePath(\"/news/{desk}\")",
            "public class Newsroom {",
            "    @OnTextMessage(broadcast = true)",
            "    CompletionStage<String> headline(String message, @PathParam String desk) {",
            "        return CompletableFuture.supplyAsync(() -> desk + \": \" + message.toUpperCase(Locale.ROOT));",
            "    }",
            "",
            "    @OnBinaryMessage(broadcast = true)",
            "    CompletableFuture<byte[]> photo(byte[] image) {",
            "        return CompletableFuture.completedFuture(image);",
            "    }",
            "}");

    /**
     * No no-argument constructor: instances come from a supplier given to the registration, which has
     * only that constructor and no entry in the service file.
     */
    static final JavaFileObject GREETER = JavaFileObjects.forSourceLines("test.Greeter",
            "package test;",
            "",
            "import io.wsconnector.annotations.OnOpen;",
            "import io.wsconnector.annotations.WebSocketUpgradePath;",
            "import io.wsconnector.runtime.WebSocketSession;",
            "",
            "@WebSocketUpgradePath(\"/greeter\")",
            "public class Greeter {",
            "    private final String greeting;",
            "",
            "    public Greeter(String greeting) {",
            "        this.greeting = greeting;",
            "    }",
            "",
            "    @OnOpen",
            "    void opened(WebSocketSession session) {",
            "        session.sendText(greeting);",
            "    }",
            "}");

    static final List<JavaFileObject> ALL = List.of(HELLO_WORLD, ECHO, OUTER_INNER, BLOB, BYTES, CHAT_ROOM, TELEMETRY,
            BROADCASTER, NEWSROOM, GREETER);

    /**
     * The simple names of the classes generated for {@link #ALL}, all in package {@code test}; each has
     * a golden file {@code expected/<name>.java} in the test resources.
     */
    static final List<String> GENERATED_CLASSES = List.of(
            "HelloWorld_WebSocketDispatcher", "HelloWorld_WebSocketEndpoint",
            "Echo_WebSocketDispatcher", "Echo_WebSocketEndpoint",
            "Outer_Inner_WebSocketDispatcher", "Outer_Inner_WebSocketEndpoint",
            "Blob_WebSocketDispatcher", "Blob_WebSocketEndpoint",
            "Bytes_WebSocketDispatcher", "Bytes_WebSocketEndpoint",
            "ChatRoom_WebSocketDispatcher", "ChatRoom_WebSocketEndpoint",
            "Telemetry_WebSocketDispatcher", "Telemetry_WebSocketEndpoint",
            "Broadcaster_WebSocketDispatcher", "Broadcaster_WebSocketEndpoint",
            "Newsroom_WebSocketDispatcher", "Newsroom_WebSocketEndpoint",
            "Greeter_WebSocketDispatcher", "Greeter_WebSocketEndpoint");

    private RepresentativeEndpoints() {
    }
}
