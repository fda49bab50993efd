package io.wsconnector.processor;

import java.util.List;
import java.util.regex.Pattern;

import javax.tools.JavaFileObject;

import com.google.testing.compile.Compilation;
import io.wsconnector.processor.HandshakeValue.Source;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.wsconnector.processor.TestSources.compile;
import static io.wsconnector.processor.TestSources.source;
import static io.wsconnector.processor.WebSocketProcessorNegativeTest.assertError;
import static io.wsconnector.processor.WebSocketProcessorNegativeTest.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every error about path templates, handshake values ({@code @PathParam}, {@code @QueryParam},
 * {@code @HeaderParam}), the options of {@code @WebSocketUpgradePath}, the {@code @OnUpgrade},
 * {@code @OnPing}, {@code @OnPong}, {@code @OnIdleTimeout} and {@code @OnError} handlers, and
 * asynchronous replies, each on the element at fault; and the signatures the annotations' javadoc
 * documents, accepted. As in {@link WebSocketProcessorNegativeTest}, each error's line is named by
 * its content.
 *
 * <p>Where javac puts an error: on the parameter's name for a handshake value; on the array element
 * for a subprotocol or origin; on the value for the idle timeout and for a path; on the method's name
 * for a missing exception parameter or a wrong return type; on the annotation for a second
 * {@code @OnError} method of one type and for a path that overlaps another endpoint's.
 */
class EndpointModelNegativeTest {

    @Nested
    class PathTemplates {

        private void assertInvalidPath(String path, String expectedMessage) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"" + path + "\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), expectedMessage, source, "@WebSocketUpgradePath(");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/rooms/a{room}", "/rooms/{room}x", "/rooms/{a}{b}", "/rooms/{room", "/rooms/room}"})
        void parameterNotAWholeSegment(String path) {
            String segment = path.substring("/rooms/".length());
            assertInvalidPath(path, "@WebSocketUpgradePath path \"" + path + "\" has segment \"" + segment + "\"; a path "
                    + "parameter is a whole segment written {name}, e.g. \"/rooms/{room}\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{1st}", "{user-id}", "{class}"})
        void parameterNameNotAJavaIdentifier(String segment) {
            assertInvalidPath("/rooms/" + segment, "@WebSocketUpgradePath path \"/rooms/" + segment + "\" has path "
                    + "parameter \"" + segment + "\", whose name is not a Java identifier; name it like a Java "
                    + "parameter, e.g. {room}");
        }

        @Test
        void parameterTwiceInOnePath() {
            assertInvalidPath("/rooms/{room}/users/{room}", "@WebSocketUpgradePath path \"/rooms/{room}/users/{room}\" "
                    + "names path parameter 'room' twice; give each parameter its own name");
        }

        @Test
        void malformedParameterInBasePath_reportedOnBasePath() {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"/tenants/{tenant id}\")",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), Messages.invalidPath("@BasePath", "/tenants/{tenant id}",
                    "contains white space; remove it or encode it as %20"),
                    source, "@BasePath(\"/tenants/{tenant id}\")");
        }

        @Test
        void sameParameterInBasePathAndUpgradePath_reportedOnUpgradePath() {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"/rooms/{room}\")",
                    "@WebSocketUpgradePath(\"/{room}\")",
                    "class Chat {",
                    "    @OnOpen void opened(@PathParam String room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "Path parameter 'room' is in both @BasePath \"/rooms/{room}\" and @WebSocketUpgradePath \"/{room}\"; "
                            + "give each path parameter its own name",
                    source, "@WebSocketUpgradePath(\"/{room}\")");
        }

        @Test
        void invalidTemplate_noPathParamErrorOnTopOfIt() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room\")",
                    "class Chat {",
                    "    @OnOpen void opened(@PathParam String room) { }",
                    "}");

            assertOnlyError(compile(source), Messages.invalidPath("@WebSocketUpgradePath", "/rooms/{room",
                    "has segment \"{room\"; a path parameter is a whole segment written {name}, e.g. \"/rooms/{room}\""),
                    source, "@WebSocketUpgradePath(\"/rooms/{room\")");
        }

        @Test
        void parametersInBasePathAndUpgradePath_accepted() {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"/tenants/{tenant}/\")",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen void opened(@PathParam String tenant, @PathParam(\"room\") String r) { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).succeededWithoutWarnings();
            assertThat(compilation).generatedSourceFile("test.Chat_WebSocketEndpoint").contentsAsUtf8String()
                    .contains("public static final String PATH = \"/tenants/{tenant}/rooms/{room}\";");
        }
    }

    @Nested
    class OverlappingPaths {

        private JavaFileObject endpoint(String name, String path) {
            return source(name,
                    "@WebSocketUpgradePath(\"" + path + "\")",
                    "class " + name + " {",
                    "    @OnOpen void opened() { }",
                    "}");
        }

        @Test
        void literalAndParameter_reportedOnSecondClassAnnotation() {
            JavaFileObject first = endpoint("First", "/rooms/lobby");
            JavaFileObject second = endpoint("Second", "/rooms/{room}");

            // written out once, to pin the wording a user reads
            assertOnlyError(compile(first, second),
                    "Endpoint path \"/rooms/{room}\" of 'Second' can match the same requests as \"/rooms/lobby\" of "
                            + "'test.First'; make the two paths differ in a literal segment or in their number of "
                            + "segments",
                    second, "@WebSocketUpgradePath(");
        }

        @ParameterizedTest(name = "{0} and {1}")
        @CsvSource({
                "/rooms/{room},     /rooms/{name}",
                "/{a}/b,            /a/{b}",
                "/{a},              /chat",
                "/caf%C3%A9/{id},   /caf%c3%a9/{x}",
        })
        void templatesThatCanMatchOnePath_reported(String firstPath, String secondPath) {
            JavaFileObject first = endpoint("First", firstPath);
            JavaFileObject second = endpoint("Second", secondPath);

            assertOnlyError(compile(first, second),
                    Messages.overlappingPath(secondPath, "Second", firstPath, "test.First"), second,
                    "@WebSocketUpgradePath(");
        }

        @Test
        void sameTemplate_reportedAsDuplicatePath() {
            JavaFileObject first = endpoint("First", "/rooms/{room}");
            JavaFileObject second = endpoint("Second", "/rooms/{room}");

            assertOnlyError(compile(first, second), Messages.duplicatePath("/rooms/{room}", "Second", "test.First"),
                    second, "@WebSocketUpgradePath(");
        }

        @ParameterizedTest(name = "{0} and {1}")
        @CsvSource({
                "/rooms/{room},     /rooms/{room}/{user}",
                "/rooms/{room},     /users/{user}",
                "/{a}/b,            /{a}/c",
                "/rooms/{room},     /rooms/{room}/",
        })
        void templatesThatCannotMatchOnePath_accepted(String firstPath, String secondPath) {
            assertThat(compile(endpoint("First", firstPath), endpoint("Second", secondPath))).succeededWithoutWarnings();
        }
    }

    @Nested
    class HandshakeValues {

        @Test
        void pathParam_nameNotInTemplate_reportedOnParameterWithTheTemplateNames() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}/{userId}\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session,",
                    "                @PathParam(\"rooom\") String room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@PathParam parameter 'room' of @OnOpen method 'opened' binds 'rooom', which is not in the "
                            + "endpoint's path \"/rooms/{room}/{userId}\"; use one of: room, userId",
                    source, "@PathParam(\"rooom\") String room)");
        }

        @Test
        void pathParam_nameTakenFromParameter_notInTemplate() {
            JavaFileObject source = source("Chat",
                    "@BasePath(\"/t/{tenant}\")",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    void text(String message,",
                    "              @PathParam String user) { }",
                    "}");

            assertOnlyError(compile(source), Messages.unknownPathParameter(HandlerKind.TEXT_MESSAGE, "text", "user",
                    "user", "/t/{tenant}/rooms/{room}", List.of("tenant", "room")), source, "@PathParam String user)");
        }

        @Test
        void pathParam_templateWithoutParameters() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnClose",
                    "    void closed(@PathParam String room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@PathParam parameter 'room' of @OnClose method 'closed' binds 'room', but the endpoint's path "
                            + "\"/chat\" has no path parameters; add a segment {room} to it",
                    source, "void closed(@PathParam String room)");
        }

        @Test
        void pathParam_optional_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@PathParam Optional<String> room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@PathParam parameter 'room' of @OnOpen method 'opened' is Optional<String>, but a path parameter "
                            + "is always present; write String instead",
                    source, "void opened(@PathParam Optional<String> room)");
        }

        @Test
        void pathParam_rawOptional_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @SuppressWarnings(\"rawtypes\")",
                    "    @OnOpen",
                    "    void opened(@PathParam Optional room) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.pathParameterOptional(HandlerKind.OPEN, "opened", "room", "Optional", null),
                    source, "void opened(@PathParam Optional room)");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"double", "Double", "short", "char", "Object", "CharSequence", "java.util.List<String>",
                "byte[]", "java.time.Instant"})
        void pathParam_unsupportedType_reportedOnParameter(String type) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@PathParam " + type + " room) { }",
                    "}");

            String shown = type.replace("java.util.", "").replace("java.time.", "");
            assertOnlyError(compile(source),
                    Messages.handshakeValueType(Source.PATH, HandlerKind.OPEN, "opened", "room", shown), source,
                    "void opened(@PathParam");
        }

        @Test
        void pathParam_unsupportedType_messageNamesTheAcceptedTypes() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@PathParam double room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@PathParam parameter 'room' of @OnOpen method 'opened' has type double; use String, int, long, "
                            + "boolean, their boxed types, UUID or an enum",
                    source, "void opened(@PathParam double room)");
        }

        @Test
        void queryParam_unsupportedType_messageAlsoOffersOptional() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@QueryParam java.util.List<String> tags) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@QueryParam parameter 'tags' of @OnOpen method 'opened' has type List<String>; use String, int, "
                            + "long, boolean, their boxed types, UUID or an enum, or Optional of one of them",
                    source, "void opened(@QueryParam java.util.List<String> tags)");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "Optional<Double>                  | Optional<Double>",
                "Optional<Optional<String>>        | Optional<Optional<String>>",
                "Optional<? extends String>        | Optional<? extends String>",
                "Optional<?>                       | Optional<?>",
                "java.util.OptionalInt             | OptionalInt",
        })
        void headerParam_unsupportedOptional_reportedOnParameter(String type, String shown) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnIdleTimeout",
                    "    void idle(@HeaderParam(\"X-Level\") " + type + " level) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handshakeValueType(Source.HEADER, HandlerKind.IDLE_TIMEOUT, "idle", "level", shown),
                    source, "void idle(@HeaderParam");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "X Client", "X-Client:", "Ümlaut"})
        void headerParam_notAHeaderName_reportedOnParameter(String name) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@HeaderParam(\"" + name + "\") String version) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.invalidHeaderName(HandlerKind.OPEN, "opened", "version", name), source,
                    "void opened(@HeaderParam");
        }

        @Test
        void headerParam_notAHeaderName_messageSaysWhatToWrite() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@HeaderParam(\"\") String version) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@HeaderParam parameter 'version' of @OnOpen method 'opened' names \"\", which is not a header "
                            + "name; write the header's name, e.g. @HeaderParam(\"X-Client-Version\")",
                    source, "void opened(@HeaderParam(\"\") String version)");
        }

        @Test
        void twoAnnotationsOnOneParameter_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(WebSocketSession session,",
                    "                @PathParam @QueryParam String room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "Parameter 'room' of @OnOpen method 'opened' has @PathParam and @QueryParam; a parameter takes "
                            + "one value, so keep one annotation",
                    source, "@PathParam @QueryParam String room)");
        }

        @Test
        void allThreeAnnotationsOnOneParameter_namesAllThree() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnClose",
                    "    void closed(@HeaderParam(\"Room\") @QueryParam @PathParam String room) { }",
                    "}");

            assertOnlyError(compile(source), Messages.severalHandshakeValueAnnotations(HandlerKind.CLOSE, "closed",
                    "room", "@PathParam and @QueryParam and @HeaderParam"),
                    source, "void closed(@HeaderParam(\"Room\") @QueryParam");
        }

        @Test
        void onParameterOfPlainMethod_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "    void helper(@PathParam String room) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@PathParam parameter 'room' of method 'helper' is never bound: only parameters of handler "
                            + "methods (@OnOpen, @OnTextMessage and the others) receive handshake values. Take the "
                            + "value in a handler and pass it on, or remove @PathParam",
                    source, "void helper(@PathParam String room)");
        }

        @Test
        void onConstructorParameter_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    Chat() { }",
                    "    Chat(@QueryParam String nick) { }",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handshakeValueOutsideHandler(Source.QUERY, "nick", "the constructor of 'Chat'"),
                    source, "Chat(@QueryParam String nick)");
        }

        @Test
        void onParameterOfMethodInPlainClass_reportedOnParameter() {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    void helper(@HeaderParam(\"X-Id\") String id) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.handshakeValueOutsideHandler(Source.HEADER, "id", "method 'helper'"),
                    source, "void helper(@HeaderParam(\"X-Id\") String id)");
        }

        @Test
        void onHandlerOutsideEndpoint_onlyTheHandlerReported() {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    @OnOpen",
                    "    void opened(@QueryParam String nick) { }",
                    "}");

            assertOnlyError(compile(source), Messages.handlerOutsideEndpoint(HandlerKind.OPEN, "opened", "Plain"),
                    source, "@OnOpen");
        }

        @Test
        void privateEnum_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{color}\")",
                    "class Chat {",
                    "    private enum Color { RED }",
                    "    @OnOpen",
                    "    void opened(@PathParam Color color) { }",
                    "}");

            assertOnlyError(compile(source),
                    "Parameter 'color' of @OnOpen method 'opened' has type Color, which is private, so the generated "
                            + "dispatcher cannot name it; make 'Color' package-private or public",
                    source, "void opened(@PathParam Color color)");
        }

        @Test
        void enumNestedInPrivateClass_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    private static class Types { enum Color { RED } }",
                    "    @OnOpen",
                    "    void opened(@QueryParam Optional<Types.Color> color) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterTypePrivate(HandlerKind.OPEN, "opened", "color", "Color", "Types"),
                    source, "void opened(@QueryParam Optional<Types.Color> color)");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"String", "int", "Integer", "long", "Long", "boolean", "Boolean", "UUID",
                "java.util.concurrent.TimeUnit", "Chat.Color"})
        void documentedTypes_acceptedForEverySource(String type) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    enum Color { RED }",
                    "    @OnOpen",
                    "    void opened(@PathParam " + type + " room, @QueryParam " + type + " q,",
                    "                @HeaderParam(\"X-H\") " + type + " h) { }",
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @ParameterizedTest(name = "Optional<{0}>")
        @ValueSource(strings = {"String", "Integer", "Long", "Boolean", "UUID", "java.util.concurrent.TimeUnit"})
        void optionalOfDocumentedTypes_acceptedForQueryAndHeader(String type) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnOpen",
                    "    void opened(@QueryParam Optional<" + type + "> q, @HeaderParam(\"X-H\") Optional<" + type + "> h) { }",
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"OnUpgrade", "OnOpen", "OnPing", "OnPong", "OnIdleTimeout", "OnClose"})
        void everyHandlerKind_takesValuesAndHandshakeRequest(String annotation) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @" + annotation,
                    "    void handle(@PathParam String room, HandshakeRequest request, @QueryParam Optional<Long> q,",
                    "                @HeaderParam(\"X-Version\") int version, WebSocketSession session) { }",
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @Test
        void messageAndErrorHandlers_takeValuesAndHandshakeRequest() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnTextMessage void text(@PathParam String room, String message, HandshakeRequest r) { }",
                    "    @OnBinaryMessage void data(HandshakeRequest r, byte[] message, @QueryParam String q) { }",
                    "    @OnError void failed(HandshakeRequest r, Exception e, @HeaderParam(\"X-A\") UUID a) { }",
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }

        @Test
        void sameValueUnderAnotherParameterName_andTwiceInOneMethod_accepted() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/rooms/{room}\")",
                    "class Chat {",
                    "    @OnOpen void opened(@PathParam String room, @PathParam(\"room\") String again) { }",
                    "    @OnClose void closed(@PathParam(\"room\") String name) { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).succeededWithoutWarnings();
            assertThat(compilation).generatedSourceFile("test.Chat_WebSocketDispatcher").contentsAsUtf8String()
                    .contains("endpoint.opened(room, room);");
        }
    }

    @Nested
    class UpgradePathOptions {

        @ParameterizedTest
        @ValueSource(strings = {"", "chat v2", "chat/v2", "chat,v1", "\\\"chat\\\""})
        void subprotocol_notAToken_reportedOnTheValue(String subprotocol) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\",",
                    "        subprotocols = {\"chat.v1\",",
                    "                \"" + subprotocol + "\"})",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source), Messages.invalidSubprotocol(subprotocol.replace("\\", "")), source,
                    "\"" + subprotocol + "\"}");
        }

        @Test
        void subprotocol_notAToken_messageSaysWhatToWrite() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\", subprotocols = \"chat v2\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    "@WebSocketUpgradePath subprotocol \"chat v2\" is not a valid token; use letters, digits and "
                            + "! # $ % & ' * + - . ^ _ ` | ~, e.g. \"chat.v2\"",
                    source, "@WebSocketUpgradePath(value = \"/chat\",");
        }

        @Test
        void subprotocol_repeated_reportedOnSecondValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\",",
                    "        subprotocols = {\"chat.v2\",",
                    "                \"chat.v1\",",
                    "                \"chat.v2\"})",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    "@WebSocketUpgradePath lists subprotocol \"chat.v2\" twice; list each once, most preferred first",
                    source, "\"chat.v2\"})");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @CsvSource(delimiter = '|', value = {
                "app.example.com",
                "https://app.example.com/",
                "https://user@app.example.com",
                "https://app.example.com:99999",
                "ftp ://a",
                "https://*.example.com",
                "''",
        })
        void origin_invalid_reportedOnTheValue(String origin) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\",",
                    "        origins = {\"https://ok.example.com\",",
                    "                \"" + origin + "\"})",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.invalidOrigin(origin, HttpSyntax.originProblem(origin).orElseThrow()), source,
                    "\"" + origin + "\"}");
        }

        @Test
        void origin_withPath_messageSaysWhatToWrite() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\", origins = \"https://app.example.com/chat\")",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    "@WebSocketUpgradePath origin \"https://app.example.com/chat\" has a path, query or fragment; an "
                            + "origin is only scheme://host[:port], so write \"https://app.example.com\"",
                    source, "@WebSocketUpgradePath(value = \"/chat\",");
        }

        @Test
        void origin_repeated_reportedOnSecondValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\",",
                    "        origins = {\"https://a.example.com\",",
                    "                \"https://a.example.com\"})",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    "@WebSocketUpgradePath lists origin \"https://a.example.com\" twice; list each once",
                    source, "\"https://a.example.com\"})");
        }

        @Test
        void idleTimeout_negative_reportedOnTheValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\",",
                    "        idleTimeoutSeconds = -30)",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            assertOnlyError(compile(source),
                    "@WebSocketUpgradePath idleTimeoutSeconds is -30; write a number of seconds, or 0 for the "
                            + "server's default",
                    source, "idleTimeoutSeconds = -30)");
        }

        @Test
        void severalMistakes_eachReportedOnItsValue() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\",",
                    "        subprotocols = {\"a b\",",
                    "                \"c\", \"c\"},",
                    "        origins = \"null\",",
                    "        idleTimeoutSeconds = -1)",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorCount(4);
            assertError(compilation, Messages.invalidSubprotocol("a b"), source, "subprotocols = {\"a b\",");
            assertError(compilation, Messages.repeatedSubprotocol("c"), source, "\"c\", \"c\"},");
            assertError(compilation, Messages.invalidOrigin("null", HttpSyntax.originProblem("null").orElseThrow()),
                    source, "origins = \"null\",");
            assertError(compilation, Messages.negativeIdleTimeout(-1), source, "idleTimeoutSeconds = -1)");
        }

        @Test
        void validOptions_accepted_andOverriddenInTheRegistration() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(value = \"/chat\", subprotocols = \"mqtt\", origins = \"*\",",
                    "        idleTimeoutSeconds = 0)",
                    "class Chat {",
                    "    @OnOpen void opened() { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).succeededWithoutWarnings();
            String registration = "test.Chat_WebSocketEndpoint";
            assertThat(compilation).generatedSourceFile(registration).contentsAsUtf8String()
                    .contains("return List.of(\"mqtt\");");
            assertThat(compilation).generatedSourceFile(registration).contentsAsUtf8String()
                    .contains("return Set.of(\"*\");");
            // 0 is the default: no override
            assertThat(compilation).generatedSourceFile(registration).contentsAsUtf8String()
                    .doesNotContain("idleTimeoutSeconds");
        }
    }

    @Nested
    class NewHandlerKinds {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"OnUpgrade", "OnPing", "OnPong", "OnIdleTimeout", "OnError"})
        void outsideEndpoint_reportedOnAnnotation(String annotation) {
            JavaFileObject source = source("Plain",
                    "class Plain {",
                    "    @" + annotation,
                    "    void handle(Exception e) { }",
                    "}");

            assertOnlyError(compile(source), "@" + annotation + " method 'handle' is in class 'Plain', which has no "
                    + "@WebSocketUpgradePath; annotate 'Plain' with @WebSocketUpgradePath(\"/path\") to make it an "
                    + "endpoint", source, "@" + annotation);
        }

        @Test
        void twoOnUpgradeMethods_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnUpgrade",
                    "    void check(HandshakeRequest request) { }",
                    "    @OnUpgrade // again",
                    "    void alsoCheck() { }",
                    "}");

            assertOnlyError(compile(source), "Class 'Chat' has two @OnUpgrade methods, 'check' and 'alsoCheck'; keep one",
                    source, "@OnUpgrade // again");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "OnPing        | PING",
                "OnPong        | PONG",
                "OnIdleTimeout | IDLE_TIMEOUT",
                "OnUpgrade     | UPGRADE",
        })
        void twoHandlersOfKind_reportedOnSecondAnnotation(String annotation, HandlerKind kind) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @" + annotation + " void first() { }",
                    "    @" + annotation + " void second() { }",
                    "}");

            assertOnlyError(compile(source), Messages.duplicateHandler(kind, "Chat", "first", "second"), source,
                    "void second()");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "OnUpgrade     | UPGRADE",
                "OnPing        | PING",
                "OnPong        | PONG",
                "OnIdleTimeout | IDLE_TIMEOUT",
        })
        void notVoid_reportedOnMethod(String annotation, HandlerKind kind) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @" + annotation,
                    "    boolean handle() { return true; }",
                    "}");

            assertOnlyError(compile(source), Messages.returnNotVoid(kind, "handle", "boolean"), source,
                    "boolean handle()");
        }

        @Test
        void onUpgrade_messageParameter_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnUpgrade",
                    "    void check(HandshakeRequest request,",
                    "               String token) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnUpgrade method 'check' cannot take parameter 'token' of type String; it accepts a "
                            + "HandshakeRequest and a WebSocketSession, each optional. Bind a handshake value with "
                            + "@PathParam, @QueryParam or @HeaderParam",
                    source, "String token)");
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', value = {
                "OnPing        | PING         | String       | String",
                "OnPong        | PONG         | Byte[]       | Byte[]",
                "OnPing        | PING         | int          | int",
                "OnIdleTimeout | IDLE_TIMEOUT | byte[]       | byte[]",
                "OnIdleTimeout | IDLE_TIMEOUT | Exception    | Exception",
                "OnUpgrade     | UPGRADE      | java.nio.ByteBuffer | ByteBuffer",
                "OnOpen        | OPEN         | Throwable    | Throwable",
        })
        void wrongParameterType_reportedOnParameter(String annotation, HandlerKind kind, String type, String shown) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @" + annotation,
                    "    void handle(WebSocketSession session,",
                    "                " + type + " value) { }",
                    "}");

            assertOnlyError(compile(source), Messages.parameterNotAccepted(kind, "handle", "value", shown), source,
                    "value) { }");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "OnPing | PING",
                "OnPong | PONG",
        })
        void payloadTwice_reportedOnSecondParameter(String annotation, HandlerKind kind) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @" + annotation,
                    "    void handle(byte[] payload,",
                    "                java.nio.ByteBuffer buffer) { }",
                    "}");

            assertOnlyError(compile(source), Messages.parameterRepeated(kind, "handle", "buffer", "ByteBuffer"),
                    source, "ByteBuffer buffer)");
        }

        @Test
        void handshakeRequestTwice_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnUpgrade",
                    "    void check(HandshakeRequest request,",
                    "               HandshakeRequest again) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterRepeated(HandlerKind.UPGRADE, "check", "again", "HandshakeRequest"),
                    source, "HandshakeRequest again)");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "@OnUpgrade void check() { }",
                "@OnUpgrade void check(WebSocketSession session, HandshakeRequest request) throws Exception { }",
                "@OnPing void ping() { }",
                "@OnPing void ping(byte[] payload) { }",
                "@OnPing void ping(WebSocketSession session, java.nio.ByteBuffer payload) { }",
                "@OnPong void pong(java.nio.ByteBuffer payload, WebSocketSession session) { }",
                "@OnIdleTimeout void idle() { }",
                "@OnIdleTimeout void idle(WebSocketSession session) throws java.io.IOException { }",
                "@OnError void failed(Throwable error) { }",
                "@OnError void failed(WebSocketSession session, IllegalStateException error) throws Exception { }",
        })
        void documentedSignatures_accepted(String method) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    " + method,
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }
    }

    @Nested
    class ErrorHandlers {

        @Test
        void noExceptionParameter_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError",
                    "    void failed(WebSocketSession session) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnError method 'failed' must take the exception it handles, a Throwable or a subtype, e.g. "
                            + "failed(IllegalStateException error, WebSocketSession session)",
                    source, "void failed(WebSocketSession session)");
        }

        @Test
        void noParameterAtAll_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError",
                    "    void failed() { }",
                    "}");

            assertOnlyError(compile(source), Messages.errorParameterMissing("failed"), source, "void failed()");
        }

        @Test
        void twoExceptionParameters_reportedOnSecondParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError",
                    "    void failed(RuntimeException error,",
                    "                Exception other) { }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnError method 'failed' takes a second Exception parameter 'other'; it accepts a Throwable or a "
                            + "subtype of it, and optionally a WebSocketSession and a HandshakeRequest. Remove 'other'",
                    source, "Exception other)");
        }

        @Test
        void notAnException_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError",
                    "    void failed(Exception error,",
                    "                String message) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterNotAccepted(HandlerKind.ERROR, "failed", "message", "String"),
                    source, "String message)");
        }

        @Test
        void sameTypeTwice_reportedOnSecondAnnotation() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError",
                    "    void failed(IllegalStateException error) { }",
                    "    @OnError",
                    "    void other(Exception error) { }",
                    "    @OnError // again",
                    "    void alsoFailed(WebSocketSession session, IllegalStateException e) { }",
                    "}");

            assertOnlyError(compile(source),
                    "Class 'Chat' has two @OnError methods for IllegalStateException, 'failed' and 'alsoFailed'; keep "
                            + "one, or let one handle a more specific exception type",
                    source, "@OnError // again");
        }

        @Test
        void privateExceptionType_reportedOnParameter() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    private static class Boom extends RuntimeException { }",
                    "    @OnError",
                    "    void failed(Boom error) { }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.parameterTypePrivate(HandlerKind.ERROR, "failed", "error", "Boom", "Boom"),
                    source, "void failed(Boom error)");
        }

        @Test
        void notVoid_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError",
                    "    boolean failed(Exception error) { return true; }",
                    "}");

            assertOnlyError(compile(source), Messages.returnNotVoid(HandlerKind.ERROR, "failed", "boolean"),
                    source, "boolean failed(Exception error)");
        }

        @Test
        void severalTypes_accepted_andTriedMostSpecificFirst() throws java.io.IOException {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnError void a(Exception e) { }",
                    "    @OnError void b(java.io.IOException e) { }",
                    "    @OnError void c(RuntimeException e) { }",
                    "    @OnError void d(IllegalArgumentException e) { }",
                    "    @OnError void e(java.io.FileNotFoundException e) { }",
                    "}");

            Compilation compilation = compile(source);
            assertThat(compilation).succeededWithoutWarnings();
            String code = compilation.generatedSourceFile("test.Chat_WebSocketDispatcher").orElseThrow()
                    .getCharContent(true).toString();
            List<String> calls = Pattern.compile("endpoint\\.(\\w)\\(e\\)").matcher(code).results()
                    .map(match -> match.group(1))
                    .toList();
            // each before the handlers of its supertypes (d before c, e before b, all before a), and
            // otherwise the first in declaration order whose subtypes are all placed
            assertEquals(List.of("d", "c", "e", "b", "a"), calls, code);
        }
    }

    @Nested
    class AsyncReplies {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "CompletionStage<Integer>                                 | CompletionStage<Integer>",
                "CompletionStage<Void>                                    | CompletionStage<Void>",
                "CompletionStage<?>                                       | CompletionStage<?>",
                "CompletionStage<? extends String>                        | CompletionStage<? extends String>",
                "java.util.concurrent.CompletableFuture<java.nio.ByteBuffer> | CompletableFuture<ByteBuffer>",
                "CompletionStage<CharSequence>                            | CompletionStage<CharSequence>",
        })
        void text_wrongTypeArgument_reportedOnMethod(String type, String shown) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    " + type + " text(String message) { return null; }",
                    "}");

            assertOnlyError(compile(source), Messages.asyncReplyNotAccepted(HandlerKind.TEXT_MESSAGE, "text", shown),
                    source, "text(String message)");
        }

        @Test
        void text_wrongTypeArgument_messageSaysWhatToReturn() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnTextMessage",
                    "    CompletionStage<Integer> text(String message) { return null; }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnTextMessage method 'text' returns CompletionStage<Integer>; a CompletionStage must complete "
                            + "with the reply, so return CompletionStage<String> or a CompletionStage of a type with a "
                            + "text codec (or void, to send nothing)",
                    source, "CompletionStage<Integer> text(String message)");
        }

        @Test
        void text_rawCompletionStage_reportedOnMethod() {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @SuppressWarnings(\"rawtypes\")",
                    "    @OnTextMessage",
                    "    CompletionStage text(String message) { return null; }",
                    "}");

            assertOnlyError(compile(source),
                    Messages.asyncReplyNotAccepted(HandlerKind.TEXT_MESSAGE, "text", "CompletionStage"),
                    source, "CompletionStage text(String message)");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "CompletionStage<String>                   | CompletionStage<String>",
                "CompletionStage<Byte[]>                   | CompletionStage<Byte[]>",
                "CompletionStage<java.nio.MappedByteBuffer> | CompletionStage<MappedByteBuffer>",
        })
        void binary_wrongTypeArgument_reportedOnMethod(String type, String shown) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    @OnBinaryMessage",
                    "    " + type + " data(byte[] message) { return null; }",
                    "}");

            assertOnlyError(compile(source),
                    "@OnBinaryMessage method 'data' returns " + shown + "; a CompletionStage must complete with the "
                            + "reply, so return CompletionStage<byte[]>, CompletionStage<ByteBuffer> or a "
                            + "CompletionStage of a type with a binary codec (or void, to send nothing)",
                    source, "data(byte[] message)");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "@OnTextMessage CompletionStage<String> text(String m) { return null; }",
                "@OnTextMessage java.util.concurrent.CompletableFuture<String> text(String m) { return null; }",
                "@OnTextMessage Reply text(String m) { return null; }",
                "@OnBinaryMessage CompletionStage<byte[]> data(byte[] m) { return null; }",
                "@OnBinaryMessage java.util.concurrent.CompletableFuture<java.nio.ByteBuffer> data(byte[] m) { return null; }",
                "@OnBinaryMessage CompletionStage<java.nio.ByteBuffer> data(java.nio.ByteBuffer m) throws Exception { return null; }",
        })
        void documentedSignatures_accepted(String method) {
            JavaFileObject source = source("Chat",
                    "@WebSocketUpgradePath(\"/chat\")",
                    "class Chat {",
                    "    static class Reply extends java.util.concurrent.CompletableFuture<String> { }",
                    "    " + method,
                    "}");

            assertThat(compile(source)).succeededWithoutWarnings();
        }
    }
}
