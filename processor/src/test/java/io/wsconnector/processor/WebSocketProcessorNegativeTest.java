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
import static io.wsconnector.processor.TestSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the processor reports, each on the element at fault. In the sources, line 1 is
 * {@link TestSources#HEADER} and each further line is marked with its number.
 *
 * <p>Where javac puts an error: on the name of a class, method or parameter when the error is about
 * that element; on the annotation when it is reported with its annotation (a misplaced or duplicate
 * handler annotation, a class that cannot be an endpoint, a duplicate path); on the string literal for
 * an invalid path; on the {@code true} of {@code broadcast = true} on a method that returns void.
 */
class WebSocketProcessorNegativeTest {

    /** Asserts that the compilation failed with exactly one error, {@code message}, on {@code line}. */
    static void assertOnlyError(Compilation compilation, String message, JavaFileObject file, int line) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertError(compilation, message, file, line);
    }

    /** Asserts that the compilation had the error {@code message}, exactly, on {@code line}. */
    static void assertError(Compilation compilation, String message, JavaFileObject file, int line) {
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
        List<String> errors = compilation.errors().stream().map(error -> error.getMessage(Locale.ROOT)).toList();
        assertTrue(errors.contains(message), () -> "no error is exactly\n  " + message + "\nerrors:\n  "
                + String.join("\n  ", errors));
    }

    @Nested
    class HandlerOutsideEndpoint {

        @Test
        void onOpen_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",                                      // 2
                    "    @OnOpen",                                        // 3
                    "    void opened(WebSocketSession session) { }",      // 4
                    "}");                                                 // 5

            // written out once, to pin the wording a user reads
            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' is in class 'Plain', which has no @WebSocketUpgradePath; "
                            + "annotate 'Plain' with @WebSocketUpgradePath(\"/path\") to make it an endpoint",
                    source, 3);
        }

        @Test
        void onTextMessage_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",                                      // 2
                    "    @OnTextMessage",                                 // 3
                    "    void text(String message) { }",                  // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.TEXT_MESSAGE, "text", "Plain"), source, 3);
        }

        @Test
        void onClose_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",                                      // 2
                    "    @OnClose",                                       // 3
                    "    void closed(int statusCode) { }",                // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.CLOSE, "closed", "Plain"), source, 3);
        }

        @Test
        void onBinaryMessage_reportedOnAnnotation() {
            JavaFileObject source = source("Plain",
                    "class Plain {",                                      // 2
                    "    @OnBinaryMessage",                               // 3
                    "    void data(byte[] message) { }",                  // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' is in class 'Plain', which has no @WebSocketUpgradePath; "
                            + "annotate 'Plain' with @WebSocketUpgradePath(\"/path\") to make it an endpoint",
                    source, 3);
        }

        @Test
        void inClassWithBasePathOnly_reported() {
            JavaFileObject source = source("Rest",
                    "@BasePath(\"/rest\")",                               // 2
                    "class Rest {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    void opened() { }",                              // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.OPEN, "opened", "Rest"), source, 4);
        }

        @Test
        void inNestedClassOfEndpoint_reportedWithNestedClassName() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "    static class Helper {",                          // 5
                    "        @OnClose",                                   // 6
                    "        void closed() { }",                          // 7
                    "    }",                                              // 8
                    "}");                                                 // 9

            assertOnlyError(compile(source),
                    Messages.handlerOutsideEndpoint(HandlerKind.CLOSE, "closed", "Helper"), source, 6);
        }
    }

    @Nested
    class EndpointNotAClass {

        @Test
        void interface_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "interface Chat {",                                   // 3
                    "    @OnOpen",                                        // 4
                    "    default void opened(WebSocketSession session) { }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), "@WebSocketUpgradePath must be on a class; 'Chat' is an interface",
                    source, 2);
        }

        @Test
        void enum_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "enum Chat {",                                        // 3
                    "    INSTANCE;",                                      // 4
                    "    @OnOpen",                                        // 5
                    "    void opened(WebSocketSession session) { }",      // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source), Messages.endpointNotAClass("Chat", "an enum"), source, 2);
        }

        @Test
        void record_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "record Chat(String name) {",                         // 3
                    "    @OnOpen",                                        // 4
                    "    void opened(WebSocketSession session) { }",      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.endpointNotAClass("Chat", "a record"), source, 2);
        }

        @Test
        void annotationType_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "@interface Chat {",                                  // 3
                    "}");                                                 // 4

            assertOnlyError(compile(source), Messages.endpointNotAClass("Chat", "an annotation type"), source, 2);
        }
    }

    @Nested
    class EndpointClasses {

        @Test
        void privateNested_reportedOnClass_once() {
            JavaFileObject source = source("Outer",
                    "class Outer {",                                      // 2
                    "    @WebSocketUpgradePath(\"/chat\")",               // 3
                    "    private static class Chat {",                    // 4
                    "        @OnOpen void opened() { }",                  // 5
                    "    }",                                              // 6
                    "}");                                                 // 7

            // once: the implicit constructor of a private class is private too, but that is the same mistake
            assertOnlyError(compile(source), Messages.endpointPrivate("Chat"), source, 4);
        }

        @Test
        void abstract_reportedOnClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "abstract class Chat {",                              // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source), Messages.endpointAbstract("Chat"), source, 3);
        }

        @Test
        void nonStaticInner_reportedOnClass() {
            JavaFileObject source = source("Outer",
                    "class Outer {",                                      // 2
                    "    @WebSocketUpgradePath(\"/chat\")",               // 3
                    "    class Chat {",                                   // 4
                    "        @OnOpen void opened() { }",                  // 5
                    "    }",                                              // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source), Messages.endpointInner("Chat"), source, 4);
        }

        @Test
        void nestedInPrivateClass_reportedOnClass() {
            JavaFileObject source = source("Outer",
                    "class Outer {",                                      // 2
                    "    private static class Hidden {",                  // 3
                    "        @WebSocketUpgradePath(\"/chat\")",           // 4
                    "        static class Chat {",                        // 5
                    "            @OnOpen void opened() { }",              // 6
                    "        }",                                          // 7
                    "    }",                                              // 8
                    "}");                                                 // 9

            assertOnlyError(compile(source), Messages.endpointInPrivateClass("Chat", "Hidden"), source, 5);
        }

        @Test
        void generic_reportedOnClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat<T> {",                                    // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source), Messages.endpointGeneric("Chat"), source, 3);
        }

        @Test
        void noNoArgConstructor_reportedOnClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    Chat(String room) { }",                          // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.endpointNoConstructor("Chat"), source, 3);
        }

        @Test
        void onlyPrivateNoArgConstructor_reportedOnClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    private Chat() { }",                             // 4
                    "    Chat(String room) { }",                          // 5
                    "    @OnOpen void opened() { }",                      // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source), Messages.endpointNoConstructor("Chat"), source, 3);
        }

        @Test
        void constructorThrowsCheckedException_reportedOnConstructor() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    Chat() throws java.io.IOException, IllegalStateException { }", // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            // only the checked one: Chat::new in the generated registration could not throw it
            assertOnlyError(compile(source), Messages.endpointConstructorThrows("Chat", "IOException"), source, 4);
        }

        @Test
        void noHandlerMethod_reportedOnAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    void opened(WebSocketSession session) { }",      // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source), Messages.endpointWithoutHandler("Chat"), source, 2);
        }
    }

    @Nested
    class InvalidUpgradePath {

        private void assertInvalidPath(String path, String expectedMessage) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"" + path + "\")",            // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5

            assertOnlyError(compile(source), expectedMessage, source, 2);
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
                    "@WebSocketUpgradePath(",                             // 2
                    "        \"chat\")",                                  // 3
                    "class Chat {",                                       // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), "@WebSocketUpgradePath path \"chat\" must start with '/'; write \"/chat\"",
                    source, 3);
        }
    }

    @Nested
    class InvalidBasePath {

        private void assertInvalidBasePath(String basePath, String expectedMessage) {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"" + basePath + "\")",                    // 2
                    "@WebSocketUpgradePath(\"/chat\")",                   // 3
                    "class Chat {",                                       // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), expectedMessage, source, 2);
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
                    "@BasePath(\"api\")",                                 // 2
                    "@WebSocketUpgradePath(\"/chat?x\")",                 // 3
                    "class Chat {",                                       // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, "@BasePath path \"api\" must start with '/'; write \"/api\"", source, 2);
            assertError(compilation,
                    "@WebSocketUpgradePath path \"/chat?x\" contains '?'; a path cannot carry a query string",
                    source, 3);
        }
    }

    @Nested
    class Handlers {

        @Test
        void private_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    private void opened(WebSocketSession session) { }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.handlerPrivate(HandlerKind.OPEN, "opened"), source, 5);
        }

        @Test
        void static_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    static void text(String message) { }",           // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.handlerStatic(HandlerKind.TEXT_MESSAGE, "text"), source, 5);
        }

        @Test
        void abstract_inAbstractClass_reportedOnMethodAndClass() {
            // An abstract method needs an abstract class (an interface is rejected before its methods are
            // checked), so the class is reported as well.
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "abstract class Chat {",                              // 3
                    "    @OnClose",                                       // 4
                    "    abstract void closed(WebSocketSession session);", // 5
                    "}");                                                 // 6

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, Messages.handlerAbstract(HandlerKind.CLOSE, "closed"), source, 5);
            assertError(compilation, Messages.endpointAbstract("Chat"), source, 3);
        }

        @Test
        void generic_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    <T> void opened(WebSocketSession session) { }",  // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.handlerGeneric(HandlerKind.OPEN, "opened"), source, 5);
        }

        @Test
        void throwsThrowable_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    void opened(WebSocketSession session) throws Throwable { }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' declares 'throws Throwable'; a handler may throw only Exceptions",
                    source, 5);
        }

        @Test
        void throwsExceptionAndError_accepted() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    void opened() throws Exception, StackOverflowError { }", // 5
                    "}");                                                 // 6

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @Test
        void twoOnOpenHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    void opened(WebSocketSession session) { }",      // 5
                    "    @OnOpen",                                        // 6
                    "    void alsoOpened() { }",                          // 7
                    "}");                                                 // 8

            assertOnlyError(compile(source),
                    "Class 'Chat' has two @OnOpen methods, 'opened' and 'alsoOpened'; keep one", source, 6);
        }

        @Test
        void twoOnTextMessageHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    void text(String message) { }",                  // 5
                    "    @OnTextMessage",                                 // 6
                    "    String echo(String message) { return message; }", // 7
                    "}");                                                 // 8

            assertOnlyError(compile(source),
                    Messages.duplicateHandler(HandlerKind.TEXT_MESSAGE, "Chat", "text", "echo"), source, 6);
        }

        @Test
        void twoOnCloseHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnClose",                                       // 4
                    "    void closed() { }",                              // 5
                    "    @OnClose",                                       // 6
                    "    void closed(int statusCode) { }",                // 7
                    "}");                                                 // 8

            assertOnlyError(compile(source),
                    Messages.duplicateHandler(HandlerKind.CLOSE, "Chat", "closed", "closed"), source, 6);
        }

        @Test
        void twoHandlerAnnotationsOnOneMethod_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    @OnClose",                                       // 5
                    "    void openedOrClosed(WebSocketSession session) { }", // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "Method 'openedOrClosed' has @OnOpen and @OnClose; a method handles one kind of event, so keep "
                            + "one annotation and move the rest to other methods",
                    source, 6);
        }

        @Test
        void threeHandlerAnnotationsOnOneMethod_namesAllThree() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnClose @OnTextMessage @OnOpen",                // 4
                    "    void everything() { }",                          // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    Messages.severalHandlerAnnotations("everything", "@OnOpen and @OnTextMessage and @OnClose"),
                    source, 5);
        }

        @Test
        void onBinaryMessage_private_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    private void data(byte[] message) { }",          // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' must not be private; the generated dispatcher calls it. "
                            + "Make it package-private or public",
                    source, 5);
        }

        @Test
        void onBinaryMessage_static_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    static void data(java.nio.ByteBuffer message) { }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.handlerStatic(HandlerKind.BINARY_MESSAGE, "data"), source, 5);
        }

        @Test
        void onBinaryMessage_abstract_inAbstractClass_reportedOnMethodAndClass() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "abstract class Chat {",                              // 3
                    "    @OnBinaryMessage",                               // 4
                    "    abstract byte[] data(byte[] message);",          // 5
                    "}");                                                 // 6

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, Messages.handlerAbstract(HandlerKind.BINARY_MESSAGE, "data"), source, 5);
            assertError(compilation, Messages.endpointAbstract("Chat"), source, 3);
        }

        @Test
        void onBinaryMessage_generic_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    <T> byte[] data(byte[] message) { return message; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.handlerGeneric(HandlerKind.BINARY_MESSAGE, "data"), source, 5);
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
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    " + method,                                      // 5
                    "}");                                                 // 6

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @Test
        void twoOnBinaryMessageHandlers_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(byte[] message) { }",                  // 5
                    "    @OnBinaryMessage",                               // 6
                    "    java.nio.ByteBuffer echo(java.nio.ByteBuffer message) { return message; }", // 7
                    "}");                                                 // 8

            assertOnlyError(compile(source),
                    "Class 'Chat' has two @OnBinaryMessage methods, 'data' and 'echo'; keep one", source, 6);
        }

        @Test
        void onBinaryMessageAndOnTextMessageOnOneMethod_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    @OnTextMessage",                                 // 5
                    "    void message(String text, byte[] data) { }",     // 6
                    "}");                                                 // 7

            // the annotations in the order of the events, not of the source
            assertOnlyError(compile(source),
                    "Method 'message' has @OnTextMessage and @OnBinaryMessage; a method handles one kind of event, "
                            + "so keep one annotation and move the rest to other methods",
                    source, 6);
        }
    }

    @Nested
    class HandlerParameters {

        @Test
        void onOpen_wrongType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    void opened(WebSocketSession session,",          // 5
                    "                String greeting) { }",               // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' cannot take parameter 'greeting' of type String; it accepts a "
                            + "WebSocketSession and a HandshakeRequest, each optional. Bind a handshake value with "
                            + "@PathParam, @QueryParam or @HeaderParam",
                    source, 6);
        }

        @Test
        void onTextMessage_wrongType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    void text(String message,",                      // 5
                    "              int count) { }",                       // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.TEXT_MESSAGE, "text", "count", "int"), source, 6);
        }

        @Test
        void onClose_wrongType_boxedInteger_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnClose",                                       // 4
                    "    void closed(WebSocketSession session,",          // 5
                    "                Integer statusCode) { }",            // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.CLOSE, "closed", "statusCode", "Integer"), source, 6);
        }

        @Test
        void onOpen_repeatedSession_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    void opened(WebSocketSession session,",          // 5
                    "                WebSocketSession other) { }",        // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnOpen method 'opened' takes a second WebSocketSession parameter 'other'; it accepts a "
                            + "WebSocketSession and a HandshakeRequest, each optional. Remove 'other'",
                    source, 6);
        }

        @Test
        void onTextMessage_repeatedString_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    void text(String message,",                      // 5
                    "              String other) { }",                    // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.TEXT_MESSAGE, "text", "other", "String"), source, 6);
        }

        @Test
        void onClose_repeatedInt_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnClose",                                       // 4
                    "    void closed(int statusCode, String reason,",     // 5
                    "                int other) { }",                     // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.CLOSE, "closed", "other", "int"), source, 6);
        }

        @Test
        void onTextMessage_missingString_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    void text(WebSocketSession session) { }",        // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' must take a String message parameter, e.g. "
                            + "text(WebSocketSession session, String message)",
                    source, 5);
        }

        @Test
        void unknownParameterType_reportedByJavacOnly() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    void text(WebSocketSesion session) { }",         // 5
                    "}");                                                 // 6

            // no "missing String" or "cannot take parameter" on top of javac's own error
            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLine(5);
        }

        @Test
        void onBinaryMessage_wrongType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(byte[] message,",                      // 5
                    "              String text) { }",                     // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' cannot take parameter 'text' of type String; it accepts a "
                            + "byte[] or ByteBuffer message, and optionally a WebSocketSession and a HandshakeRequest. "
                            + "Bind a handshake value with @PathParam, @QueryParam or @HeaderParam",
                    source, 6);
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
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(java.nio.ByteBuffer message,",         // 5
                    "              " + written + " extra) { }",           // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.BINARY_MESSAGE, "data", "extra", reported), source, 6);
        }

        @Test
        void onBinaryMessage_boxedBytesAsOnlyParameter_reportedOnParameterAndMissingMessageOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(",                                     // 5
                    "            Byte[] message) { }",                    // 6
                    "}");                                                 // 7

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation,
                    Messages.parameterNotAccepted(HandlerKind.BINARY_MESSAGE, "data", "message", "Byte[]"), source, 6);
            assertError(compilation, Messages.binaryMessageMissing("data"), source, 5);
        }

        @Test
        void onBinaryMessage_repeatedByteArray_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(byte[] message,",                      // 5
                    "              byte[] other) { }",                    // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' takes a second byte[] parameter 'other'; it accepts a byte[] "
                            + "or ByteBuffer message, and optionally a WebSocketSession and a HandshakeRequest. "
                            + "Remove 'other'",
                    source, 6);
        }

        @Test
        void onBinaryMessage_byteArrayAndByteBuffer_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(byte[] message, WebSocketSession session,", // 5
                    "              java.nio.ByteBuffer buffer) { }",      // 6
                    "}");                                                 // 7

            // both carry the message
            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.BINARY_MESSAGE, "data", "buffer", "ByteBuffer"), source, 6);
        }

        @Test
        void onBinaryMessage_byteBufferAndByteArray_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(java.nio.ByteBuffer message,",         // 5
                    "              byte[] bytes) { }",                    // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.BINARY_MESSAGE, "data", "bytes", "byte[]"), source, 6);
        }

        @Test
        void onBinaryMessage_repeatedSession_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(WebSocketSession session, byte[] message,", // 5
                    "              WebSocketSession other) { }",          // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.BINARY_MESSAGE, "data", "other", "WebSocketSession"),
                    source, 6);
        }

        @Test
        void onBinaryMessage_missingMessage_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(WebSocketSession session) { }",        // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' must take a byte[] or ByteBuffer message parameter, e.g. "
                            + "data(WebSocketSession session, byte[] message)",
                    source, 5);
        }

        @Test
        void onBinaryMessage_noParameter_missingMessageReportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    byte[] data() { return null; }",                 // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.binaryMessageMissing("data"), source, 5);
        }

        @Test
        void onBinaryMessage_byteBufferNotImported_reportedByJavacOnly() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    void data(ByteBuffer message) { }",              // 5
                    "}");                                                 // 6

            // no "missing message" or "cannot take parameter" on top of javac's own error
            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source).onLine(5);
        }

        @Test
        void onTextMessage_byteArray_reportedWithTextWording() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    void text(String message,",                      // 5
                    "              byte[] data) { }",                     // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' cannot take parameter 'data' of type byte[]; it accepts a String "
                            + "message, and optionally a WebSocketSession and a HandshakeRequest. Bind a handshake "
                            + "value with @PathParam, @QueryParam or @HeaderParam",
                    source, 6);
        }
    }

    @Nested
    class HandlerReturnTypes {

        @Test
        void onOpen_notVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    String opened(WebSocketSession session) { return \"hi\"; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), "@OnOpen method 'opened' must return void; found String", source, 5);
        }

        @Test
        void onClose_notVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnClose",                                       // 4
                    "    boolean closed(int statusCode) { return true; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.returnNotVoid(HandlerKind.CLOSE, "closed", "boolean"), source, 5);
        }

        @Test
        void onTextMessage_neitherStringNorVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    CharSequence text(String message) { return message; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns CharSequence; return void, or String (or a CompletionStage of it) "
                            + "to reply to the client",
                    source, 5);
        }

        @Test
        void onTextMessage_primitive_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    int text(String message) { return 0; }",         // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.returnNotReply(HandlerKind.TEXT_MESSAGE, "text", "int"), source, 5);
        }

        @Test
        void onBinaryMessage_string_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    String data(byte[] message) { return \"ok\"; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' returns String; return void, or byte[] or ByteBuffer (or a "
                            + "CompletionStage of one) to reply to the client",
                    source, 5);
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
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage",                               // 4
                    "    " + written + " data(byte[] message) { return " + returned + "; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    Messages.returnNotReply(HandlerKind.BINARY_MESSAGE, "data", reported), source, 5);
        }

        @Test
        void onTextMessage_byteArray_reportedWithTextWording() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    byte[] text(String message) { return null; }",   // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns byte[]; return void, or String (or a CompletionStage of it) "
                            + "to reply to the client",
                    source, 5);
        }

        @Test
        void onTextMessage_byteBuffer_reportedWithTextWording() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage",                                 // 4
                    "    java.nio.ByteBuffer text(String message) { return null; }", // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns ByteBuffer; return void, or String (or a CompletionStage of it) "
                            + "to reply to the client",
                    source, 5);
        }
    }

    @Nested
    class BroadcastReplies {

        @Test
        void onTextMessage_broadcastOnVoid_reportedOnTheValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage(",                                // 4
                    "            broadcast = true)",                      // 5
                    "    void text(WebSocketSession session, String message) { }", // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' has broadcast = true but returns void, so there is nothing to "
                            + "broadcast; return the String to send to every open session (or a CompletionStage of "
                            + "it), or remove broadcast = true",
                    source, 5);
        }

        @Test
        void onBinaryMessage_broadcastOnVoid_reportedOnTheValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage(",                              // 4
                    "            broadcast = true)",                      // 5
                    "    void data(java.nio.ByteBuffer message) { }",     // 6
                    "}");                                                 // 7

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' has broadcast = true but returns void, so there is nothing to "
                            + "broadcast; return the byte[] or ByteBuffer to send to every open session (or a "
                            + "CompletionStage of one), or remove broadcast = true",
                    source, 5);
        }

        @Test
        void broadcastOnVoid_annotationOnItsOwnLine_reportedOnTheAnnotationLine() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnBinaryMessage(broadcast = true)",             // 4
                    "    void data(byte[] message) { }",                  // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.broadcastVoid(HandlerKind.BINARY_MESSAGE, "data"), source, 4);
        }

        @Test
        void broadcastOnVoid_reportedWithTheMethodsOtherMistakes_nothingGenerated(@TempDir Path directory) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "    @OnTextMessage(broadcast = true)",               // 5
                    "    private void text(String message) { }",          // 6
                    "}");                                                 // 7

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(2);
            assertError(compilation, Messages.handlerPrivate(HandlerKind.TEXT_MESSAGE, "text"), source, 6);
            assertError(compilation, Messages.broadcastVoid(HandlerKind.TEXT_MESSAGE, "text"), source, 5);
            assertEquals(List.of(), compileToDirectory(directory, source), "files written by the processor");
        }

        @Test
        void broadcastOnUnacceptedReturnType_reportedOnlyAsReturnType() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    @OnTextMessage(broadcast = true)",               // 4
                    "    int text(String message) { return 0; }",         // 5
                    "}");                                                 // 6

            assertOnlyError(compile(source), Messages.returnNotReply(HandlerKind.TEXT_MESSAGE, "text", "int"), source, 5);
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
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Chat {",                                       // 3
                    "    " + method,                                      // 4
                    "}");                                                 // 5

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
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class First {",                                      // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5
            JavaFileObject second = source("Second",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class Second {",                                     // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5

            assertOnlyError(compile(first, second),
                    "Endpoint path \"/chat\" of 'Second' is already used by 'test.First'; give each endpoint its own path",
                    second, 2);
            assertEquals(List.of(
                            "classes/META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint",
                            "generated/test/First_WebSocketDispatcher.java",
                            "generated/test/First_WebSocketEndpoint.java"),
                    compileToDirectory(directory, first, second));
        }

        @Test
        void basePathWithAndWithoutTrailingSlash_joinToSamePath() {
            JavaFileObject first = source("First",
                    "@BasePath(\"/test/\")",                              // 2
                    "@WebSocketUpgradePath(\"/websocket\")",              // 3
                    "class First {",                                      // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6
            JavaFileObject second = source("Second",
                    "@BasePath(\"/test\")",                               // 2
                    "@WebSocketUpgradePath(\"/websocket\")",              // 3
                    "class Second {",                                     // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(first, second), Messages.duplicatePath("/test/websocket", "Second", "test.First"),
                    second, 3);
        }

        @Test
        void basePathWithRootUpgradePath_sameAsUpgradePathAlone() {
            JavaFileObject first = source("First",
                    "@WebSocketUpgradePath(\"/chat\")",                   // 2
                    "class First {",                                      // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5
            JavaFileObject second = source("Second",
                    "@BasePath(\"/chat\")",                               // 2
                    "@WebSocketUpgradePath(\"/\")",                       // 3
                    "class Second {",                                     // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(first, second), Messages.duplicatePath("/chat", "Second", "test.First"),
                    second, 3);
        }

        @Test
        void splitDifferently_joinToSamePath() {
            JavaFileObject first = source("First",
                    "@BasePath(\"/api\")",                                // 2
                    "@WebSocketUpgradePath(\"/v1/chat\")",                // 3
                    "class First {",                                      // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6
            JavaFileObject second = source("Second",
                    "@BasePath(\"/api/v1\")",                             // 2
                    "@WebSocketUpgradePath(\"/chat\")",                   // 3
                    "class Second {",                                     // 4
                    "    @OnOpen void opened() { }",                      // 5
                    "}");                                                 // 6

            assertOnlyError(compile(first, second), Messages.duplicatePath("/api/v1/chat", "Second", "test.First"),
                    second, 3);
        }
    }

    @Test
    void generatedNamesClash_nestedAndTopLevelClass_reportedOnSecondClassAnnotation() {
        // Outer.Inner and Outer_Inner would both generate Outer_Inner_WebSocketEndpoint/_WebSocketDispatcher
        JavaFileObject topLevel = source("Outer_Inner",
                "@WebSocketUpgradePath(\"/top\")",                        // 2
                "class Outer_Inner {",                                    // 3
                "    @OnOpen void opened() { }",                          // 4
                "}");                                                     // 5
        JavaFileObject nested = source("Outer",
                "class Outer {",                                          // 2
                "    @WebSocketUpgradePath(\"/nested\")",                 // 3
                "    static class Inner {",                               // 4
                "        @OnOpen void opened() { }",                      // 5
                "    }",                                                  // 6
                "}");                                                     // 7

        assertOnlyError(compile(topLevel, nested),
                "Endpoint class 'Inner' would generate 'test.Outer_Inner_WebSocketEndpoint', which endpoint class "
                        + "'test.Outer_Inner' generates too; rename one of the two classes",
                nested, 3);
    }

    @Nested
    class WholeCompilation {

        @Test
        void severalMistakesInOneClass_allReportedInOneCompile_nothingGenerated(@TempDir Path directory) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"chat\")",                    // 2
                    "class Chat {",                                       // 3
                    "    @OnOpen",                                        // 4
                    "    private void opened(WebSocketSession session) { }", // 5
                    "    @OnClose",                                       // 6
                    "    void closed(WebSocketSession session,",          // 7
                    "                long statusCode) { }",               // 8
                    "    @OnTextMessage",                                 // 9
                    "    Object text(WebSocketSession session) { return null; }", // 10
                    "}");                                                 // 11

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(5);
            assertError(compilation, "@WebSocketUpgradePath path \"chat\" must start with '/'; write \"/chat\"", source, 2);
            assertError(compilation, Messages.handlerPrivate(HandlerKind.OPEN, "opened"), source, 5);
            assertError(compilation,
                    Messages.parameterNotAccepted(HandlerKind.CLOSE, "closed", "statusCode", "long"), source, 8);
            assertError(compilation, Messages.textMessageMissing("text"), source, 10);
            assertError(compilation, Messages.returnNotReply(HandlerKind.TEXT_MESSAGE, "text", "Object"), source, 10);

            assertEquals(List.of(), compileToDirectory(directory, source), "files written by the processor");
        }

        @Test
        void invalidEndpoint_doesNotStopValidEndpointOfSameCompilation(@TempDir Path directory) {
            JavaFileObject invalid = source("Broken",
                    "@WebSocketUpgradePath(\"/broken\")",                 // 2
                    "class Broken {",                                     // 3
                    "    @OnOpen",                                        // 4
                    "    static void opened() { }",                       // 5
                    "}");                                                 // 6
            JavaFileObject valid = source("Fine",
                    "@WebSocketUpgradePath(\"/fine\")",                   // 2
                    "class Fine {",                                       // 3
                    "    @OnOpen void opened() { }",                      // 4
                    "}");                                                 // 5

            assertOnlyError(compile(invalid, valid), Messages.handlerStatic(HandlerKind.OPEN, "opened"), invalid, 5);
            assertEquals(List.of(
                            "classes/META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint",
                            "generated/test/Fine_WebSocketDispatcher.java",
                            "generated/test/Fine_WebSocketEndpoint.java"),
                    compileToDirectory(directory, invalid, valid));
        }

        @Test
        void basePathAlone_compilesCleanly_generatesNothing() {
            JavaFileObject source = source("Rest",
                    "@BasePath(\"/rest\")",                               // 2
                    "public class Rest {",                                // 3
                    "    void get() { }",                                 // 4
                    "}");                                                 // 5

            Compilation compilation = compile(source);
            assertThat(compilation).succeededWithoutWarnings();
            assertEquals(0, compilation.generatedSourceFiles().size(), "generated sources");
            assertTrue(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, ServiceFileWriter.SERVICE_FILE).isEmpty(),
                    "no service file");
        }
    }
}
