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

    static final List<JavaFileObject> ALL = List.of(HELLO_WORLD, ECHO, OUTER_INNER, BLOB, BYTES);

    /**
     * The simple names of the classes generated for {@link #ALL}, all in package {@code test}; each has
     * a golden file {@code expected/<name>.java} in the test resources.
     */
    static final List<String> GENERATED_CLASSES = List.of(
            "HelloWorld_WebSocketDispatcher", "HelloWorld_WebSocketEndpoint",
            "Echo_WebSocketDispatcher", "Echo_WebSocketEndpoint",
            "Outer_Inner_WebSocketDispatcher", "Outer_Inner_WebSocketEndpoint",
            "Blob_WebSocketDispatcher", "Blob_WebSocketEndpoint",
            "Bytes_WebSocketDispatcher", "Bytes_WebSocketEndpoint");

    private RepresentativeEndpoints() {
    }
}
