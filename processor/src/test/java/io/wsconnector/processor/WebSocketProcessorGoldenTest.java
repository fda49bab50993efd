package io.wsconnector.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.wsconnector.runtime.spi.WebSocketEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.wsconnector.processor.TestSources.compile;
import static io.wsconnector.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares the generated sources with the golden files in {@code src/test/resources/expected}. To
 * update a golden file after an intended change of the generator, copy the generated source from the
 * failure message (or from a compilation of the endpoint with {@code -s}), and read it as a user would.
 * What the generated code does when it runs is tested in {@link GeneratedCodeBehaviourTest}.
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
    void chatRoom_fullEndpointModel() {
        Compilation compilation = compile(RepresentativeEndpoints.CHAT_ROOM);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "ChatRoom_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "ChatRoom_WebSocketEndpoint");
    }

    @Test
    void telemetry_typedValuesCatchAllErrorHandlerNoOptions() {
        Compilation compilation = compile(RepresentativeEndpoints.TELEMETRY);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Telemetry_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Telemetry_WebSocketEndpoint");
    }

    @Test
    void broadcaster_broadcastStringAndByteBufferReplies() {
        Compilation compilation = compile(RepresentativeEndpoints.BROADCASTER);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Broadcaster_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Broadcaster_WebSocketEndpoint");
    }

    @Test
    void newsroom_broadcastAsyncReplies() {
        Compilation compilation = compile(RepresentativeEndpoints.NEWSROOM);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Newsroom_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Newsroom_WebSocketEndpoint");
    }

    @Test
    void greeter_noNoArgumentConstructor_registrationTakesASupplierOnly() {
        Compilation compilation = compile(RepresentativeEndpoints.GREETER);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Greeter_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Greeter_WebSocketEndpoint");
        assertTrue(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, GeneratedFiles.SERVICE_FILE).isEmpty(),
                "no service file: ServiceLoader could not create the registration");
    }

    @Test
    void game_typedJsonMessagesDispatchedOnAKey() {
        Compilation compilation = compile(RepresentativeEndpoints.GAME);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Game_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Game_WebSocketEndpoint");
    }

    @Test
    void plotter_typedRepliesThroughListedCodecs() {
        Compilation compilation = compile(RepresentativeEndpoints.PLOTTER);

        assertThat(compilation).succeededWithoutWarnings();
        assertGeneratedAsExpected(compilation, "Plotter_WebSocketDispatcher");
        assertGeneratedAsExpected(compilation, "Plotter_WebSocketEndpoint");
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
    void serviceFile_listsEveryRegistrationOfTheCompilationThatHasANoArgumentConstructor() {
        Compilation compilation = compile(RepresentativeEndpoints.HELLO_WORLD, RepresentativeEndpoints.GREETER,
                RepresentativeEndpoints.OUTER_INNER);

        assertThat(compilation).succeededWithoutWarnings();
        // one binary class name a line, in the order javac processed the endpoints (the order of the sources);
        // not Greeter_WebSocketEndpoint, which needs a supplier of Greeters
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
}
