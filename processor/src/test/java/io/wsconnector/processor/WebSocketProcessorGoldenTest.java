package io.wsconnector.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.wsconnector.processor.TestSources.compile;
import static io.wsconnector.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;

import io.wsconnector.runtime.WebSocketSession;
import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.runtime.spi.WebSocketEndpoint;

/**
 * Compares the generated sources with the golden files in {@code src/test/resources/expected}. To
 * update a golden file after an intended change of the generator, copy the generated source from the
 * failure message (or from a compilation of the endpoint with {@code -s}), and read it as a user would.
 */
class WebSocketProcessorGoldenTest {

    /**
     * Asserts that {@code test.<simpleName>} was generated, is equivalent to
     * {@code expected/<simpleName>.java} (same syntax tree), and is the same text, so that javadoc and
     * formatting are pinned too.
     */
    private static void assertGeneratedAsExpected(Compilation compilation, String simpleName) {
        String resource = "expected/" + simpleName + ".java";
        assertThat(compilation).generatedSourceFile("test." + simpleName)
                .hasSourceEquivalentTo(JavaFileObjects.forResource(resource));
        assertThat(compilation).generatedSourceFile("test." + simpleName)
                .contentsAsUtf8String().isEqualTo(readResource(resource));
    }

    private static String readResource(String name) {
        try (InputStream in = WebSocketProcessorGoldenTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void helloWorld_everyHandlerKindWithBasePath() {
        Compilation compilation = compile(RepresentativeEndpoints.HELLO_WORLD);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "HelloWorld_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "HelloWorld_WebSocketEndpoint");
    }

    @Test
    void echo_replyReversedParametersCheckedExceptionNoBasePath() {
        Compilation compilation = compile(RepresentativeEndpoints.ECHO);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Echo_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Echo_WebSocketEndpoint");
    }

    @Test
    void staticNestedClass_generatedNamesJoinEnclosingNames() {
        Compilation compilation = compile(RepresentativeEndpoints.OUTER_INNER);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Outer_Inner_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Outer_Inner_WebSocketEndpoint");
    }

    @Test
    void blob_binaryByteBufferReplyBeforeSession_andTextHandler() {
        Compilation compilation = compile(RepresentativeEndpoints.BLOB);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Blob_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Blob_WebSocketEndpoint");
    }

    @Test
    void bytes_binaryByteArrayReply() {
        Compilation compilation = compile(RepresentativeEndpoints.BYTES);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Bytes_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Bytes_WebSocketEndpoint");
    }

    @Test
    void allRepresentativeEndpointsTogether_generateExactlyTheGoldenFiles() {
        Compilation compilation = compile(RepresentativeEndpoints.ALL.toArray(JavaFileObject[]::new));

        assertThat(compilation).succeededWithoutWarnings();
        for (String generated : RepresentativeEndpoints.GENERATED_CLASSES) {
            assertGeneratedAsExpected(compilation, generated);
        }
        assertEquals(RepresentativeEndpoints.GENERATED_CLASSES.size(), compilation.generatedSourceFiles().size(),
                "number of generated sources");
    }

    @Test
    void serviceFile_listsEveryRegistrationOfTheCompilation() {
        Compilation compilation = compile(RepresentativeEndpoints.HELLO_WORLD, RepresentativeEndpoints.OUTER_INNER);

        assertThat(compilation).succeededWithoutWarnings();
        // one binary class name a line, in the order javac processed the endpoints (the order of the sources)
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT,
                        "META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint")
                .contentsAsUtf8String()
                .isEqualTo("test.HelloWorld_WebSocketEndpoint\n"
                        + "test.Outer_Inner_WebSocketEndpoint\n");
    }

    @ParameterizedTest(name = "@BasePath({0}) + @WebSocketUpgradePath({1}) = {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "/test/  | /websocket | /test/websocket",
            "/test   | /websocket | /test/websocket",
            "none    | /websocket | /websocket",
            "/chat   | /          | /chat",
            "/chat/  | /          | /chat",
            "none    | /          | /",
            "/       | /chat      | /chat",
    })
    void pathConstant_joinsBaseAndUpgradePath(String basePath, String upgradePath, String expectedPath) {
        JavaFileObject source = source("Chat",
                basePath == null ? "" : "@BasePath(\"" + basePath + "\")",
                "@WebSocketUpgradePath(\"" + upgradePath + "\")",
                "class Chat {",
                "    @OnOpen void opened() { }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Chat_WebSocketEndpoint").contentsAsUtf8String()
                .contains("public static final String PATH = \"" + expectedPath + "\";");
    }

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
        WebSocketDispatcher dispatcher = endpoint.newDispatcher();
        dispatcher.onOpen(session);
        dispatcher.onTextMessage(session, "hi");
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
                .loadClass("test.BufferRecorder_WebSocketEndpoint").getConstructor().newInstance()).newDispatcher();
        WebSocketDispatcher arrayDispatcher = ((WebSocketEndpoint) loader
                .loadClass("test.ArrayRecorder_WebSocketEndpoint").getConstructor().newInstance()).newDispatcher();
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

    private static final class RecordingSession implements WebSocketSession {
        final List<String> sent = new ArrayList<>();
        private final String id;

        RecordingSession(String id) {
            this.id = id;
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
        public void close(int statusCode, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
