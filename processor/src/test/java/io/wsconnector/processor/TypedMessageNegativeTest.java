package io.wsconnector.processor;

import static io.wsconnector.processor.TestSources.compile;
import static io.wsconnector.processor.TestSources.source;
import static io.wsconnector.processor.WebSocketProcessorNegativeTest.assertOnlyError;
import static com.google.testing.compile.CompilationSubject.assertThat;

import java.io.File;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaFileObject;

import org.junit.jupiter.api.Test;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;

/**
 * Every error about typed messages, codecs and the dispatch key, each on the element at fault, named by
 * its line's content.
 */
class TypedMessageNegativeTest {
    /** The codec imports and a type with no codec, {@code Point}, on line 2 of each source. */
    private static final String TYPES = "import io.avaje.jsonb.Json; import io.wsconnector.runtime.codec.*; "
            + "class Point { } @Json class Move { }";

    /** Compiles without wsconnector-json-avaje on the class path (avaje-jsonb is still there). */
    private static Compilation compileWithoutJsonModule(JavaFileObject source) {
        List<File> classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("json-avaje"))
                .map(File::new)
                .toList();
        return Compiler.javac()
                .withProcessors(new WebSocketProcessor())
                .withClasspath(classPath)
                .compile(source);
    }

    @Test
    void textMessageOfATypeWithoutCodec_reportedOnParameter() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @OnTextMessage",
                "    void text(WebSocketSession session,",
                "              Point point) { }",
                "}");

        // written out once, to pin the wording a user reads
        assertOnlyError(compile(source),
                "@OnTextMessage method 'text' takes Point, which has no text codec; annotate Point with @Json "
                        + "(avaje-jsonb) or list a TextCodec<Point> in @WebSocketUpgradePath(codecs = ...)",
                source, "Point point)");
    }

    @Test
    void binaryMessageOfATypeWithoutCodec_reportedOnParameter() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @OnBinaryMessage",
                "    void data(Move move) { }",
                "}");

        assertOnlyError(compile(source),
                "@OnBinaryMessage method 'data' takes Move, which has no binary codec; list a BinaryCodec<Move> in "
                        + "@WebSocketUpgradePath(codecs = ...)",
                source, "void data(Move move)");
    }

    @Test
    void replyOfATypeWithoutCodec_reportedOnMethod() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @OnTextMessage",
                "    Point text(Move move) { return null; }",
                "}");

        assertOnlyError(compile(source), Messages.noCodec(HandlerKind.TEXT_MESSAGE, "text", "returns", "Point"),
                source, "Point text(Move move)");
    }

    @Test
    void asyncReplyOfATypeWithoutCodec_reportedOnMethod() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @OnTextMessage",
                "    CompletionStage<Point> text(String message) { return null; }",
                "}");

        assertOnlyError(compile(source), Messages.noCodec(HandlerKind.TEXT_MESSAGE, "text",
                "returns a CompletionStage of", "Point"), source, "CompletionStage<Point> text");
    }

    @Test
    void replyOfAPrivateType_reportedOnMethod() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @Json private record Secret(String value) { }",
                "    @OnTextMessage",
                "    Secret text(String message) { return null; }",
                "}");

        assertOnlyError(compile(source), Messages.replyTypePrivate(HandlerKind.TEXT_MESSAGE, "text", "Secret", "Secret"),
                source, "Secret text(String message)");
    }

    @Test
    void jsonTypeWithoutTheJsonModule_reportedOnParameter() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @OnTextMessage",
                "    void text(Move move) { }",
                "}");

        assertOnlyError(compileWithoutJsonModule(source),
                "@OnTextMessage method 'text' uses Move as JSON, but wsconnector-json-avaje is not on the class path; "
                        + "add the dependency io.wsconnector:wsconnector-json-avaje",
                source, "void text(Move move)");
    }

    @Test
    void dispatchKeyWithoutTheJsonModule_reportedOnTheKey() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", dispatchKey = \"type\")",
                "class Chat {",
                "    @OnTextMessage(\"hello\")",
                "    void hello(String message) { }",
                "}");

        assertOnlyError(compileWithoutJsonModule(source), Messages.dispatchKeyWithoutJson("type"), source,
                "dispatchKey = \"type\"");
    }

    @Test
    void listedClassThatIsNoCodec_reportedOnTheList() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", codecs = Point.class)",
                "class Chat {",
                "    @OnTextMessage void text(String message) { }",
                "}");

        assertOnlyError(compile(source),
                "@WebSocketUpgradePath codec 'Point' implements neither TextCodec nor BinaryCodec; implement "
                        + "TextCodec<T> or BinaryCodec<T> (io.wsconnector.runtime.codec) for the type it converts",
                source, "codecs = Point.class");
    }

    @Test
    void codecWithoutNoArgumentConstructor_reportedOnTheList() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", codecs = Chat.PointCodec.class)",
                "class Chat {",
                "    static class PointCodec implements TextCodec<Point> {",
                "        PointCodec(String format) { }",
                "        public Point decode(String text) { return new Point(); }",
                "        public String encode(Point point) { return \"\"; }",
                "    }",
                "    @OnTextMessage void text(Point point) { }",
                "}");

        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(2); // and the message type then has no codec
        WebSocketProcessorNegativeTest.assertError(compilation, Messages.codecNotCreatable("PointCodec"), source,
                "codecs = Chat.PointCodec.class");
        WebSocketProcessorNegativeTest.assertError(compilation,
                Messages.noCodec(HandlerKind.TEXT_MESSAGE, "text", "takes", "Point"), source, "void text(Point point)");
    }

    @Test
    void codecOfATypeVariable_reportedOnTheList() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", codecs = Chat.AnyCodec.class)",
                "class Chat {",
                "    @SuppressWarnings(\"rawtypes\")",
                "    static class AnyCodec implements TextCodec {",
                "        public Object decode(String text) { return text; }",
                "        public String encode(Object value) { return \"\"; }",
                "    }",
                "    @OnTextMessage void text(String message) { }",
                "}");

        assertOnlyError(compile(source), Messages.codecTypeNotNamed("AnyCodec", false), source,
                "codecs = Chat.AnyCodec.class");
    }

    @Test
    void twoCodecsForOneType_reportedOnTheList() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", codecs = {Chat.A.class, Chat.B.class})",
                "class Chat {",
                "    static class A implements TextCodec<Point> {",
                "        public Point decode(String text) { return new Point(); }",
                "        public String encode(Point point) { return \"a\"; }",
                "    }",
                "    static class B extends A { }",
                "    @OnTextMessage void text(Point point) { }",
                "}");

        assertOnlyError(compile(source), Messages.duplicateCodec("Point", false, "A", "B"), source,
                "codecs = {Chat.A.class, Chat.B.class}");
    }

    @Test
    void handlerWithoutItsValueInADispatchedEndpoint_reportedOnAnnotation() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", dispatchKey = \"type\")",
                "class Chat {",
                "    @OnTextMessage",
                "    void text(Move move) { }",
                "}");

        assertOnlyError(compile(source),
                "The endpoint dispatches text messages on \"type\", so @OnTextMessage method 'text' must name the "
                        + "value it takes, e.g. @OnTextMessage(\"text\")",
                source, "@OnTextMessage");
    }

    @Test
    void valueWithoutDispatchKey_reportedOnTheValue() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(\"/chat\")",
                "class Chat {",
                "    @OnTextMessage(\"move\")",
                "    void move(Move move) { }",
                "}");

        assertOnlyError(compile(source), Messages.dispatchValueWithoutKey("move", "move"), source,
                "@OnTextMessage(\"move\")");
    }

    @Test
    void sameValueTwice_reportedOnTheSecond() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", dispatchKey = \"type\")",
                "class Chat {",
                "    @OnTextMessage(\"move\") void move(Move move) { }",
                "    @OnTextMessage(\"move\") void again(String message) { }",
                "}");

        assertOnlyError(compile(source),
                "Class 'Chat' has two @OnTextMessage methods for type \"move\", 'move' and 'again'; keep one",
                source, "void again(String message)");
    }

    @Test
    void dispatchedEndpoint_takesSeveralTextHandlersAndOnesWithoutMessage() {
        JavaFileObject source = source("Chat", TYPES,
                "@WebSocketUpgradePath(value = \"/chat\", dispatchKey = \"type\")",
                "class Chat {",
                "    @Json record Turn(int degrees) { }",
                "    @OnTextMessage(\"turn\") void turn(Turn turn) { }",
                "    @OnTextMessage(\"leave\") void leave(WebSocketSession session) { }",
                "}");

        assertThat(compile(source)).succeededWithoutWarnings();
    }
}
