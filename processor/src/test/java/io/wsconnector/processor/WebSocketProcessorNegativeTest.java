package io.wsconnector.processor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.wsconnector.processor.TestSources.compile;
import static io.wsconnector.processor.TestSources.compileToDirectory;
import static io.wsconnector.processor.TestSources.lineContaining;
import static io.wsconnector.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the processor reports, each on the element at fault. Each error's line is named by its
 * content, the one source line containing a fragment ({@link TestSources#lineContaining}); where two
 * lines would read the same, as two equal handler annotations, the one meant carries a comment.
 *
 * <p>Where javac puts an error: on the name of a class, method or parameter when the error is about
 * that element; on the annotation when it is reported with its annotation (a misplaced or duplicate
 * handler annotation, a class that cannot be an endpoint, a duplicate path); on the string literal for
 * an invalid path; on the {@code true} of {@code broadcast = true} on a method that returns void.
 */
class WebSocketProcessorNegativeTest {

    /**
     * Asserts that the compilation failed with exactly one error, {@code message}, on the line of
     * {@code file} that contains {@code lineFragment}.
     */
    static void assertOnlyError(Compilation compilation, String message, JavaFileObject file, String lineFragment) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertError(compilation, message, file, lineFragment);
    }

    /**
     * Asserts that the compilation had the error {@code message}, exactly, on the line of {@code file}
     * that contains {@code lineFragment} (only that line may contain it).
     */
    static void assertError(Compilation compilation, String message, JavaFileObject file, String lineFragment) {
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(lineContaining(file, lineFragment));
        List<String> errors = compilation.errors().stream().map(error -> error.getMessage(Locale.ROOT)).toList();
        assertTrue(errors.contains(message), () -> "no error is exactly\n  " + message + "\nerrors:\n  "
                + String.join("\n  ", errors));
    }

    @Nested
    class HandlerOutsideEndpoint {

        @Test
        void onOpen_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session) { }",
                    "}");

            // written out once, to pin the wording a user reads
            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' is in class 'Plain', which has no @WebSocketUpgradePath; "
                            + "annotate 'Plain' with @WebSocketUpgradePath(\"/path\") to make it an endpoint",
                    source, "@OnOpen");
        }

        @Test
        void onTextMessage_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    @OnTextMessage",
                    "    void text(String message) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.TEXT_MESSAGE, "text", "Plain"),
                    source, "@OnTextMessage");
        }

        @Test
        void onClose_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    @OnClose",
                    "    void closed(int statusCode) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.CLOSE, "closed", "Plain"), source, "@OnClose");
        }

        @Test
        void onBinaryMessage_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    @OnBinaryMessage",
                    "    void data(byte[] message) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' is in class 'Plain', which has no @WebSocketUpgradePath; "
                            + "annotate 'Plain' with @WebSocketUpgradePath(\"/path\") to make it an endpoint",
                    source, "@OnBinaryMessage");
        }

        @Test
        void inClassWithBasePathOnly_reported() {
            JavaFileObject source = source("Rest",
                    "@BasePath(\"/rest\")",
                    "class Rest {",
                    "    @OnOpen",
                    "    void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.OPEN, "opened", "Rest"), source, "@OnOpen");
        }

        @Test
        void inNestedClassOfEndpoint_reportedWithNestedClassName() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "    static class Helper {",
                    "        @OnClose",
                    "        void closed() { }",
                    "    }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.CLOSE, "closed", "Helper"), source, "@OnClose");
        }
    }

    @Nested
    class EndpointNotAClass {

        @Test
        void interface_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "interface Chat {",
                    "    @OnOpen",
                    "    default void opened(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source), "@WebSocketUpgradePath must be on a class; 'Chat' is an interface",
                    source, "@WebSocketUpgradePath(\"/chat\")");
        }

        @Test
        void enum_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "enum Chat {",
                    "    INSTANCE;",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointNotAClass("Chat", "an enum"),
                    source, "@WebSocketUpgradePath(\"/chat\")");
        }

        @Test
        void record_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "record Chat(String name) {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointNotAClass("Chat", "a record"),
                    source, "@WebSocketUpgradePath(\"/chat\")");
        }

        @Test
        void annotationType_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "@interface Chat {",
                    "}");

            assertOnlyError(compile(source), Messages.endpointNotAClass("Chat", "an annotation type"),
                    source, "@WebSocketUpgradePath(\"/chat\")");
        }
    }

    @Nested
    class EndpointClasses {

        @Test
        void privateNested_reportedOnClass_once() {
            JavaFileObject source = source("Outer",
                    "class Outer {",
                    "    @WebSocketUpgradePath(\"/chat\")",
                    "    private static class Chat {",
                    "        @OnOpen void opened() { }",
                    "    }",
                    "}");

            // once: the implicit constructor of a private class is private too, but that is the same mistake
            assertOnlyError(compile(source), Messages.endpointPrivate("Chat"), source, "private static class Chat {");
        }

        @Test
        void abstract_reportedOnClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "abstract class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointAbstract("Chat"), source, "abstract class Chat {");
        }

        @Test
        void nonStaticInner_reportedOnClass() {
            JavaFileObject source = source("Outer",
                    "class Outer {",
                    "    @WebSocketUpgradePath(\"/chat\")",
                    "    class Chat {",
                    "        @OnOpen void opened() { }",
                    "    }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointInner("Chat"), source, "class Chat {");
        }

        @Test
        void nestedInPrivateClass_reportedOnClass() {
            JavaFileObject source = source("Outer",
                    "class Outer {",
                    "    private static class Hidden {",
                    "        @WebSocketUpgradePath(\"/chat\")",
                    "        static class Chat {",
                    "            @OnOpen void opened() { }",
                    "        }",
                    "    }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointInPrivateClass("Chat", "Hidden"),
                    source, "static class Chat {");
        }

        @Test
        void generic_reportedOnClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat<T> {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointGeneric("Chat"), source, "class Chat<T> {");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Chat(String room) { }", "private Chat() { } Chat(String room) { }"})
        void noNonPrivateNoArgConstructor_accepted_registrationTakesASupplierOnly(String constructors) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    " + constructors,
                    "    @OnOpen void opened() { }",
                    "}");

            Compilation compilation = compile(source);

            assertThat(compilation).succeededWithoutWarnings();
            assertThat(compilation).generatedSourceFile("test.Chat_WebSocketEndpoint").contentsAsUtf8String()
                    .doesNotContain("Chat_WebSocketEndpoint() {");
            assertTrue(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, GeneratedFiles.SERVICE_FILE).isEmpty(),
                    "not listed for ServiceLoader");
        }

        @Test
        void constructorThrowsCheckedException_reportedOnConstructor() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    Chat() throws java.io.IOException, IllegalStateException { }",
                    "    @OnOpen void opened() { }",
                    "}");

            // only the checked one: Chat::new in the generated registration could not throw it
            assertOnlyError(compile(source), Messages.endpointConstructorThrows("Chat", "IOException"),
                    source, "Chat() throws java.io.IOException, IllegalStateException");
        }

        @Test
        void noHandlerMethod_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    void opened(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source), Messages.endpointWithoutHandler("Chat"),
                    source, "@WebSocketUpgradePath(\"/chat\")");
        }
    }

    @Nested
    class InvalidUpgradePath {

        private void assertInvalidPath(String path, String expectedMessage) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"" + path + "\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), expectedMessage, source, "@WebSocketUpgradePath(");
        }

        @Test
        void empty() {
            assertInvalidPath("", "@WebSocketUpgradePath path \"\" is empty; write a path starting with '/', "
                    + "e.g. \"/websocket\"");
        }

        @Test
        void noLeadingSlash() {
            assertInvalidPath("chat", "@WebSocketUpgradePath path \"chat\" must start with '/'; write \"/chat\"");
        }

        @Test
        void questionMark() {
            assertInvalidPath("/chat?room=1",
                    "@WebSocketUpgradePath path \"/chat?room=1\" contains '?'; a path cannot carry a query string");
        }

        @Test
        void hash() {
            assertInvalidPath("/chat#top",
                    "@WebSocketUpgradePath path \"/chat#top\" contains '#'; a path cannot carry a fragment");
        }

        @Test
        void whitespace() {
            assertInvalidPath("/chat room",
                    "@WebSocketUpgradePath path \"/chat room\" contains white space; remove it or encode it as %20");
        }

        @Test
        void tab() {
            assertInvalidPath("/chat\\troom",
                    "@WebSocketUpgradePath path \"/chat\troom\" contains white space; remove it or encode it as %20");
        }

        @Test
        void doubleSlash() {
            assertInvalidPath("/chat//room",
                    "@WebSocketUpgradePath path \"/chat//room\" contains '//'; separate segments with a single '/'");
        }

        @Test
        void dotDot() {
            assertInvalidPath("/chat/../admin", "@WebSocketUpgradePath path \"/chat/../admin\" contains '..'; "
                    + "write the path without relative segments");
        }

        @Test
        void disallowedCharacter() {
            assertInvalidPath("/chat/<room>", "@WebSocketUpgradePath path \"/chat/<room>\" contains '<', which a "
                    + "URI path cannot hold unencoded; use letters, digits and - . _ ~ ! $ & ' ( ) + , ; = : @, "
                    + "or percent-encode it");
        }

        @Test
        void nonAsciiCharacter() {
            assertInvalidPath("/caf\u00e9", "@WebSocketUpgradePath path \"/caf\u00e9\" contains '\u00e9', which a "
                    + "URI path cannot hold unencoded; use letters, digits and - . _ ~ ! $ & ' ( ) + , ; = : @, "
                    + "or percent-encode it");
        }

        @Test
        void reportedOnTheStringLiteral() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(",
                    "        \"chat\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), "@WebSocketUpgradePath path \"chat\" must start with '/'; write \"/chat\"",
                    source, "\"chat\")");
        }
    }

    @Nested
    class InvalidBasePath {

        private void assertInvalidBasePath(String basePath, String expectedMessage) {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"" + basePath + "\")",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), expectedMessage, source, "@BasePath(");
        }

        @Test
        void empty() {
            assertInvalidBasePath("", "@BasePath path \"\" is empty; write a path starting with '/', e.g. \"/websocket\"");
        }

        @Test
        void noLeadingSlash() {
            assertInvalidBasePath("api", "@BasePath path \"api\" must start with '/'; write \"/api\"");
        }

        @Test
        void questionMark() {
            assertInvalidBasePath("/api?v=1",
                    "@BasePath path \"/api?v=1\" contains '?'; a path cannot carry a query string");
        }

        @Test
        void hash() {
            assertInvalidBasePath("/api#v1", "@BasePath path \"/api#v1\" contains '#'; a path cannot carry a fragment");
        }

        @Test
        void whitespace() {
            assertInvalidBasePath("/my api",
                    "@BasePath path \"/my api\" contains white space; remove it or encode it as %20");
        }

        @Test
        void doubleSlash() {
            assertInvalidBasePath("//api",
                    "@BasePath path \"//api\" contains '//'; separate segments with a single '/'");
        }

        @Test
        void dotDot() {
            assertInvalidBasePath("/api/..",
                    "@BasePath path \"/api/..\" contains '..'; write the path without relative segments");
        }

        @Test
        void disallowedCharacter() {
            assertInvalidBasePath("/api*", "@BasePath path \"/api*\" contains '*', which a URI path cannot hold "
                    + "unencoded; use letters, digits and - . _ ~ ! $ & ' ( ) + , ; = : @, or percent-encode it");
        }

        @Test
        void bothPathsInvalid_bothReported() {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"api\")",
                    "@WebSocketUpgradePath(\"/chat?x\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, "@BasePath path \"api\" must start with '/'; write \"/api\"",
                    source, "@BasePath(\"api\")");
            assertError(compilation,
                    "@WebSocketUpgradePath path \"/chat?x\" contains '?'; a path cannot carry a query string",
                    source, "@WebSocketUpgradePath(\"/chat?x\")");
        }
    }

    @Nested
    class Handlers {

        @Test
        void private_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    private void opened(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source), Messages.handlerPrivate(HandlerKind.OPEN, "opened"),
                    source, "private void opened(WebSocketSession session)");
        }

        @Test
        void static_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    static void text(String message) { }",
                    "}");

            assertOnlyError(compile(source), Messages.handlerStatic(HandlerKind.TEXT_MESSAGE, "text"),
                    source, "static void text(String message)");
        }

        @Test
        void abstract_inAbstractClass_reportedOnMethodAndClass() {
            // An abstract method needs an abstract class (an interface is rejected before its methods are
            // checked), so the class is reported as well.
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "abstract class Chat {",
                    "    @OnClose",
                    "    abstract void closed(WebSocketSession session);",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, Messages.handlerAbstract(HandlerKind.CLOSE, "closed"),
                    source, "abstract void closed(WebSocketSession session)");
            assertError(compilation, Messages.endpointAbstract("Chat"), source, "abstract class Chat {");
        }

        @Test
        void generic_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    <T> void opened(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source), Messages.handlerGeneric(HandlerKind.OPEN, "opened"),
                    source, "<T> void opened(WebSocketSession session)");
        }

        @Test
        void throwsThrowable_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session) throws Throwable { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' declares 'throws Throwable'; a handler may throw only Exceptions",
                    source, "void opened(WebSocketSession session) throws Throwable");
        }

        @Test
        void throwsExceptionAndError_accepted() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened() throws Exception, StackOverflowError { }",
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @Test
        void twoOnOpenHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session) { }",
                    "    @OnOpen // again",
                    "    void alsoOpened() { }",
                    "}");

            assertOnlyError(compile(source),
                    "Class 'Chat' has two @OnOpen methods, 'opened' and 'alsoOpened'; keep one", source,
                    "@OnOpen // again");
        }

        @Test
        void twoOnTextMessageHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(String message) { }",
                    "    @OnTextMessage // again",
                    "    String echo(String message) { return message; }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.duplicateHandler(HandlerKind.TEXT_MESSAGE, "Chat", "text", "echo"), source,
                    "@OnTextMessage // again");
        }

        @Test
        void twoOnCloseHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnClose",
                    "    void closed() { }",
                    "    @OnClose // again",
                    "    void closed(int statusCode) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.duplicateHandler(HandlerKind.CLOSE, "Chat", "closed", "closed"), source,
                    "@OnClose // again");
        }

        @Test
        void twoHandlerAnnotationsOnOneMethod_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    @OnClose",
                    "    void openedOrClosed(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source),
                    "Method 'openedOrClosed' has @OnOpen and @OnClose; a method handles one kind of event, so keep "
                            + "one annotation and move the rest to other methods",
                    source, "void openedOrClosed(WebSocketSession session)");
        }

        @Test
        void threeHandlerAnnotationsOnOneMethod_namesAllThree() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnClose @OnTextMessage @OnOpen",
                    "    void everything() { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.severalHandlerAnnotations("everything", "@OnOpen and @OnTextMessage and @OnClose"),
                    source, "void everything()");
        }

        @Test
        void onBinaryMessage_private_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    private void data(byte[] message) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' must not be private; the generated dispatcher calls it. "
                            + "Make it package-private or public",
                    source, "private void data(byte[] message)");
        }

        @Test
        void onBinaryMessage_static_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    static void data(java.nio.ByteBuffer message) { }",
                    "}");

            assertOnlyError(compile(source), Messages.handlerStatic(HandlerKind.BINARY_MESSAGE, "data"),
                    source, "static void data(java.nio.ByteBuffer message)");
        }

        @Test
        void onBinaryMessage_abstract_inAbstractClass_reportedOnMethodAndClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "abstract class Chat {",
                    "    @OnBinaryMessage",
                    "    abstract byte[] data(byte[] message);",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, Messages.handlerAbstract(HandlerKind.BINARY_MESSAGE, "data"),
                    source, "abstract byte[] data(byte[] message)");
            assertError(compilation, Messages.endpointAbstract("Chat"), source, "abstract class Chat {");
        }

        @Test
        void onBinaryMessage_generic_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    <T> byte[] data(byte[] message) { return message; }",
                    "}");

            assertOnlyError(compile(source), Messages.handlerGeneric(HandlerKind.BINARY_MESSAGE, "data"),
                    source, "<T> byte[] data(byte[] message)");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "void data(byte[] message) { }",
                "void data(WebSocketSession session, java.nio.ByteBuffer message) { }",
                "byte[] data(byte[] message) { return message; }",
                "java.nio.ByteBuffer data(WebSocketSession session, java.nio.ByteBuffer message) { return message; }",
                "void data(java.nio.ByteBuffer message, WebSocketSession session) throws Exception { }",
        })
        void onBinaryMessage_documentedSignatures_accepted(String method) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    " + method,
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @Test
        void twoOnBinaryMessageHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(byte[] message) { }",
                    "    @OnBinaryMessage // again",
                    "    java.nio.ByteBuffer echo(java.nio.ByteBuffer message) { return message; }",
                    "}");

            assertOnlyError(compile(source),
                    "Class 'Chat' has two @OnBinaryMessage methods, 'data' and 'echo'; keep one", source,
                    "@OnBinaryMessage // again");
        }

        @Test
        void onBinaryMessageAndOnTextMessageOnOneMethod_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    @OnTextMessage",
                    "    void message(String text, byte[] data) { }",
                    "}");

            // the annotations in the order of the events, not of the source
            assertOnlyError(compile(source),
                    "Method 'message' has @OnTextMessage and @OnBinaryMessage; a method handles one kind of event, "
                            + "so keep one annotation and move the rest to other methods",
                    source, "void message(String text, byte[] data)");
        }
    }

    @Nested
    class HandlerParameters {

        @Test
        void onOpen_wrongType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session,",
                    "                String greeting) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' cannot take parameter 'greeting' of type String; it accepts a "
                            + "WebSocketSession and a HandshakeRequest, each optional. Bind a handshake value with "
                            + "@PathParam, @QueryParam or @HeaderParam",
                    source, "String greeting)");
        }

        @Test
        void onTextMessage_wrongType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(String message,",
                    "              int count) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.TEXT_MESSAGE, "text", "count", "int"),
                    source, "int count)");
        }

        @Test
        void onClose_wrongType_boxedInteger_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnClose",
                    "    void closed(WebSocketSession session,",
                    "                Integer statusCode) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.CLOSE, "closed", "statusCode", "Integer"),
                    source, "Integer statusCode)");
        }

        @Test
        void onOpen_repeatedSession_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session,",
                    "                WebSocketSession other) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' takes a second WebSocketSession parameter 'other'; it accepts a "
                            + "WebSocketSession and a HandshakeRequest, each optional. Remove 'other'",
                    source, "WebSocketSession other)");
        }

        @Test
        void onTextMessage_repeatedString_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(String message,",
                    "              String other) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.TEXT_MESSAGE, "text", "other", "String"),
                    source, "String other)");
        }

        @Test
        void onClose_repeatedInt_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnClose",
                    "    void closed(int statusCode, String reason,",
                    "                int other) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.CLOSE, "closed", "other", "int"), source, "int other)");
        }

        @Test
        void onTextMessage_missingString_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' must take the message, a String or a typed message, e.g. "
                            + "text(WebSocketSession session, String message)",
                    source, "void text(WebSocketSession session)");
        }

        @Test
        void unknownParameterType_reportedByJavacOnly() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(WebSocketSesion session) { }",
                    "}");

            // no "missing String" or "cannot take parameter" on top of javac's own error
            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                    .onLine(lineContaining(source, "WebSocketSesion session"));
        }

        @Test
        void onBinaryMessage_wrongType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(byte[] message,",
                    "              String text) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' cannot take parameter 'text' of type String; it accepts a "
                            + "byte[], ByteBuffer or typed message, and optionally a WebSocketSession and a HandshakeRequest. "
                            + "Bind a handshake value with @PathParam, @QueryParam or @HeaderParam",
                    source, "String text)");
        }

        @ParameterizedTest(name = "{0} reported as {1}")
        @CsvSource(delimiter = '|', value = {
                "int                       | int",
                "byte                      | byte",
                "Byte[]                    | Byte[]",
                "byte[][]                  | byte[][]",
                "java.util.List<Byte>      | List",
                "Object                    | Object",
                "java.nio.MappedByteBuffer | MappedByteBuffer",
        })
        void onBinaryMessage_otherTypes_reportedOnParameter(String written, String reported) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(java.nio.ByteBuffer message,",
                    "              " + written + " extra) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.BINARY_MESSAGE, "data", "extra", reported), source,
                    "extra) { }");
        }

        @Test
        void onBinaryMessage_boxedBytesAsOnlyParameter_reportedOnParameterAndMissingMessageOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(",
                    "            Byte[] message) { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation,
                    Messages.parameterNotAccepted(HandlerKind.BINARY_MESSAGE, "data", "message", "Byte[]"),
                    source, "Byte[] message)");
            assertError(compilation, Messages.binaryMessageMissing("data"), source, "void data(");
        }

        @Test
        void onBinaryMessage_repeatedByteArray_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(byte[] message,",
                    "              byte[] other) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' takes a second byte[] parameter 'other'; it accepts a byte[], "
                            + "ByteBuffer or typed message, and optionally a WebSocketSession and a HandshakeRequest. "
                            + "Remove 'other'",
                    source, "byte[] other)");
        }

        @Test
        void onBinaryMessage_byteArrayAndByteBuffer_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(byte[] message, WebSocketSession session,",
                    "              java.nio.ByteBuffer buffer) { }",
                    "}");

            // both carry the message
            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.BINARY_MESSAGE, "data", "buffer", "ByteBuffer"),
                    source, "java.nio.ByteBuffer buffer)");
        }

        @Test
        void onBinaryMessage_byteBufferAndByteArray_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(java.nio.ByteBuffer message,",
                    "              byte[] bytes) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.BINARY_MESSAGE, "data", "bytes", "byte[]"),
                    source, "byte[] bytes)");
        }

        @Test
        void onBinaryMessage_repeatedSession_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(WebSocketSession session, byte[] message,",
                    "              WebSocketSession other) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.BINARY_MESSAGE, "data", "other", "WebSocketSession"),
                    source, "WebSocketSession other)");
        }

        @Test
        void onBinaryMessage_missingMessage_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' must take a byte[] or ByteBuffer message parameter, e.g. "
                            + "data(WebSocketSession session, byte[] message)",
                    source, "void data(WebSocketSession session)");
        }

        @Test
        void onBinaryMessage_noParameter_missingMessageReportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    byte[] data() { return null; }",
                    "}");

            assertOnlyError(compile(source), Messages.binaryMessageMissing("data"), source, "byte[] data()");
        }

        @Test
        void onBinaryMessage_byteBufferNotImported_reportedByJavacOnly() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    void data(ByteBuffer message) { }",
                    "}");

            // no "missing message" or "cannot take parameter" on top of javac's own error
            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                    .onLine(lineContaining(source, "ByteBuffer message)"));
        }

        @Test
        void onTextMessage_byteArray_reportedWithTextWording() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(String message,",
                    "              byte[] data) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' cannot take parameter 'data' of type byte[]; it accepts a String "
                            + "or typed message, and optionally a WebSocketSession and a HandshakeRequest. Bind a handshake "
                            + "value with @PathParam, @QueryParam or @HeaderParam",
                    source, "byte[] data)");
        }
    }

    @Nested
    class HandlerReturnTypes {

        @Test
        void onOpen_notVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    String opened(WebSocketSession session) { return \"hi\"; }",
                    "}");

            assertOnlyError(compile(source), "@OnOpen method 'opened' must return void; found String",
                    source, "String opened(WebSocketSession session)");
        }

        @Test
        void onClose_notVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnClose",
                    "    boolean closed(int statusCode) { return true; }",
                    "}");

            assertOnlyError(compile(source), Messages.returnNotVoid(HandlerKind.CLOSE, "closed", "boolean"),
                    source, "boolean closed(int statusCode)");
        }

        @Test
        void onTextMessage_neitherStringNorVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    CharSequence text(String message) { return message; }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns CharSequence; return void, or String or a type with a text "
                            + "codec (or a CompletionStage of one) to reply to the client",
                    source, "CharSequence text(String message)");
        }

        @Test
        void onTextMessage_primitive_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    int text(String message) { return 0; }",
                    "}");

            assertOnlyError(compile(source), Messages.returnNotReply(HandlerKind.TEXT_MESSAGE, "text", "int"),
                    source, "int text(String message)");
        }

        @Test
        void onBinaryMessage_string_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    String data(byte[] message) { return \"ok\"; }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' returns String; return void, or byte[], ByteBuffer or a type "
                            + "with a binary codec (or a CompletionStage of one) to reply to the client",
                    source, "String data(byte[] message) { return \"ok\"; }");
        }

        @ParameterizedTest(name = "{0} reported as {2}")
        @CsvSource(delimiter = '|', value = {
                "int                  | 0    | int",
                "Object               | null | Object",
                "Byte[]               | null | Byte[]",
                "java.util.List<Byte> | null | List",
        })
        void onBinaryMessage_otherReturnTypes_reportedOnMethod(String written, String returned, String reported) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    " + written + " data(byte[] message) { return " + returned + "; }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.returnNotReply(HandlerKind.BINARY_MESSAGE, "data", reported), source,
                    "data(byte[] message) { return");
        }

        @Test
        void onTextMessage_byteArray_reportedWithTextWording() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    byte[] text(String message) { return null; }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns byte[]; return void, or String or a type with a text codec "
                            + "(or a CompletionStage of one) to reply to the client",
                    source, "byte[] text(String message)");
        }

        @Test
        void onTextMessage_byteBuffer_reportedWithTextWording() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    java.nio.ByteBuffer text(String message) { return null; }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns ByteBuffer; return void, or String or a type with a text codec "
                            + "(or a CompletionStage of one) to reply to the client",
                    source, "java.nio.ByteBuffer text(String message)");
        }
    }

    @Nested
    class BroadcastReplies {

        @Test
        void onTextMessage_broadcastOnVoid_reportedOnTheValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage(",
                    "            broadcast = true)",
                    "    void text(WebSocketSession session, String message) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' has broadcast = true but returns void, so there is nothing to "
                            + "broadcast; return the String to send to every open session (or a CompletionStage of "
                            + "it), or remove broadcast = true",
                    source, "broadcast = true)");
        }

        @Test
        void onBinaryMessage_broadcastOnVoid_reportedOnTheValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage(",
                    "            broadcast = true)",
                    "    void data(java.nio.ByteBuffer message) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' has broadcast = true but returns void, so there is nothing to "
                            + "broadcast; return the byte[] or ByteBuffer to send to every open session (or a "
                            + "CompletionStage of one), or remove broadcast = true",
                    source, "broadcast = true)");
        }

        @Test
        void broadcastOnVoid_annotationOnItsOwnLine_reportedOnTheAnnotationLine() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage(broadcast = true)",
                    "    void data(byte[] message) { }",
                    "}");

            assertOnlyError(compile(source), Messages.broadcastVoid(HandlerKind.BINARY_MESSAGE, "data"),
                    source, "@OnBinaryMessage(broadcast = true)");
        }

        @Test
        void broadcastOnVoid_reportedWithTheMethodsOtherMistakes_nothingGenerated(@TempDir Path directory) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "    @OnTextMessage(broadcast = true)",
                    "    private void text(String message) { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, Messages.handlerPrivate(HandlerKind.TEXT_MESSAGE, "text"),
                    source, "private void text(String message)");
            assertError(compilation, Messages.broadcastVoid(HandlerKind.TEXT_MESSAGE, "text"),
                    source, "@OnTextMessage(broadcast = true)");
            assertEquals(List.of(), compileToDirectory(directory, source), "files written by the processor");
        }

        @Test
        void broadcastOnUnacceptedReturnType_reportedOnlyAsReturnType() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage(broadcast = true)",
                    "    int text(String message) { return 0; }",
                    "}");

            assertOnlyError(compile(source), Messages.returnNotReply(HandlerKind.TEXT_MESSAGE, "text", "int"),
                    source, "int text(String message)");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "@OnTextMessage(broadcast = true) String text(String m) { return m; }",
                "@OnTextMessage(broadcast = true) CompletionStage<String> text(WebSocketSession s, String m) { return null; }",
                "@OnTextMessage(broadcast = true) java.util.concurrent.CompletableFuture<String> text(String m) { return null; }",
                "@OnTextMessage(broadcast = false) void text(String m) { }",
                "@OnBinaryMessage(broadcast = true) byte[] data(byte[] m) { return m; }",
                "@OnBinaryMessage(broadcast = true) java.nio.ByteBuffer data(java.nio.ByteBuffer m) throws Exception { return m; }",
                "@OnBinaryMessage(broadcast = true) CompletionStage<byte[]> data(byte[] m) { return null; }",
                "@OnBinaryMessage(broadcast = true) CompletionStage<java.nio.ByteBuffer> data(byte[] m) { return null; }",
                "@OnBinaryMessage(broadcast = false) void data(byte[] m) { }",
        })
        void documentedSignatures_accepted(String method) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    " + method,
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        /** {@code broadcast = false}, written out, generates exactly what the default does: a reply to the sender. */
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "@OnTextMessage String text(String m) { return m; }",
                "@OnTextMessage CompletionStage<String> text(String m) { return null; }",
                "@OnBinaryMessage java.nio.ByteBuffer data(byte[] m) { return null; }",
                "@OnBinaryMessage CompletionStage<java.nio.ByteBuffer> data(byte[] m) { return null; }",
        })
        void broadcastFalse_generatesTheSameAsTheDefault(String method) throws java.io.IOException {
            String explicit = method.replaceFirst("Message ", "Message(broadcast = false) ");

            String defaultCode = dispatcherOf(method);
            assertEquals(defaultCode, dispatcherOf(explicit), explicit);
            assertTrue(defaultCode.contains("send") && !defaultCode.contains("broadcast"), defaultCode);
        }

        private String dispatcherOf(String method) throws java.io.IOException {
            Compilation compilation = compile(source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    " + method,
                    "}"));
            assertThat(compilation).succeededWithoutWarnings();
            return compilation.generatedSourceFile("test.Chat_WebSocketDispatcher").orElseThrow()
                    .getCharContent(true).toString();
        }
    }

    @Nested
    class DuplicatePath {

        @Test
        void samePath_reportedOnSecondClassAnnotation_firstStillGenerated(@TempDir Path directory) {
            JavaFileObject first = source("First",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class First {",
                    "    @OnOpen void opened() { }",
                    "}");
            JavaFileObject second = source("Second",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Second {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(first, second),
                    "Endpoint path \"/chat\" of 'Second' is already used by 'test.First'; give each endpoint its own path",
                    second, "@WebSocketUpgradePath(\"/chat\")");
            assertEquals(List.of(
                            "classes/META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint",
                            "generated/test/First_WebSocketDispatcher.java",
                            "generated/test/First_WebSocketEndpoint.java"),
                    compileToDirectory(directory, first, second));
        }

        @Test
        void basePathWithAndWithoutTrailingSlash_joinToSamePath() {
            JavaFileObject first = source("First",
                    "@BasePath(\"/test/\")",
                    "@WebSocketUpgradePath(\"/websocket\")",
                    "class First {",
                    "    @OnOpen void opened() { }",
                    "}");
            JavaFileObject second = source("Second",
                    "@BasePath(\"/test\")",
                    "@WebSocketUpgradePath(\"/websocket\")",
                    "class Second {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(first, second), Messages.duplicatePath("/test/websocket", "Second", "test.First"),
                    second, "@WebSocketUpgradePath(\"/websocket\")");
        }

        @Test
        void basePathWithRootUpgradePath_sameAsUpgradePathAlone() {
            JavaFileObject first = source("First",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class First {",
                    "    @OnOpen void opened() { }",
                    "}");
            JavaFileObject second = source("Second",
                    "@BasePath(\"/chat\")",
                    "@WebSocketUpgradePath(\"/\")",
                    "class Second {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(first, second), Messages.duplicatePath("/chat", "Second", "test.First"),
                    second, "@WebSocketUpgradePath(\"/\")");
        }

        @Test
        void splitDifferently_joinToSamePath() {
            JavaFileObject first = source("First",
                    "@BasePath(\"/api\")",
                    "@WebSocketUpgradePath(\"/v1/chat\")",
                    "class First {",
                    "    @OnOpen void opened() { }",
                    "}");
            JavaFileObject second = source("Second",
                    "@BasePath(\"/api/v1\")",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Second {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(first, second), Messages.duplicatePath("/api/v1/chat", "Second", "test.First"),
                    second, "@WebSocketUpgradePath(\"/chat\")");
        }
    }

    @Test
    void generatedNamesClash_nestedAndTopLevelClass_reportedOnSecondClassAnnotation() {
        // Outer.Inner and Outer_Inner would both generate Outer_Inner_WebSocketEndpoint/_WebSocketDispatcher
        JavaFileObject topLevel = source("Outer_Inner",
                "@WebSocketUpgradePath(\"/top\")",
                "class Outer_Inner {",
                "    @OnOpen void opened() { }",
                "}");
        JavaFileObject nested = source("Outer",
                "class Outer {",
                "    @WebSocketUpgradePath(\"/nested\")",
                "    static class Inner {",
                "        @OnOpen void opened() { }",
                "    }",
                "}");

        assertOnlyError(compile(topLevel, nested),
                "Endpoint class 'Inner' would generate 'test.Outer_Inner_WebSocketEndpoint', which endpoint class "
                        + "'test.Outer_Inner' generates too; rename one of the two classes",
                nested, "@WebSocketUpgradePath(\"/nested\")");
    }

    @Nested
    class WholeCompilation {

        @Test
        void severalMistakesInOneClass_allReportedInOneCompile_nothingGenerated(@TempDir Path directory) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    private void opened(WebSocketSession session) { }",
                    "    @OnClose",
                    "    void closed(WebSocketSession session,",
                    "                long statusCode) { }",
                    "    @OnTextMessage",
                    "    Object text(WebSocketSession session) { return null; }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(5);
            assertError(compilation, "@WebSocketUpgradePath path \"chat\" must start with '/'; write \"/chat\"",
                    source, "@WebSocketUpgradePath(\"chat\")");
            assertError(compilation, Messages.handlerPrivate(HandlerKind.OPEN, "opened"),
                    source, "private void opened(WebSocketSession session)");
            assertError(compilation,
                    Messages.parameterNotAccepted(HandlerKind.CLOSE, "closed", "statusCode", "long"),
                    source, "long statusCode)");
            assertError(compilation, Messages.textMessageMissing("text"),
                    source, "Object text(WebSocketSession session)");
            assertError(compilation, Messages.returnNotReply(HandlerKind.TEXT_MESSAGE, "text", "Object"),
                    source, "Object text(WebSocketSession session)");

            assertEquals(List.of(), compileToDirectory(directory, source), "files written by the processor");
        }

        @Test
        void invalidEndpoint_doesNotStopValidEndpointOfSameCompilation(@TempDir Path directory) {
            JavaFileObject invalid = source("Broken",
                    "@WebSocketUpgradePath(\"/broken\")",
                    "class Broken {",
                    "    @OnOpen",
                    "    static void opened() { }",
                    "}");
            JavaFileObject valid = source("Fine",
                    "@WebSocketUpgradePath(\"/fine\")",
                    "class Fine {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(invalid, valid), Messages.handlerStatic(HandlerKind.OPEN, "opened"),
                    invalid, "static void opened()");
            assertEquals(List.of(
                            "classes/META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint",
                            "generated/test/Fine_WebSocketDispatcher.java",
                            "generated/test/Fine_WebSocketEndpoint.java"),
                    compileToDirectory(directory, invalid, valid));
        }

        @Test
        void basePathAlone_compilesCleanly_generatesNothing() {
            JavaFileObject source = source("Rest",
                    "@BasePath(\"/rest\")",
                    "public class Rest {",
                    "    void get() { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).succeededWithoutWarnings();
            assertEquals(0, compilation.generatedSourceFiles().size(), "generated sources");
            assertTrue(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, GeneratedFiles.SERVICE_FILE).isEmpty(),
                    "no service file");
        }
    }
}
