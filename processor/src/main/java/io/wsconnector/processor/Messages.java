package io.wsconnector.processor;

import java.util.List;

/**
 * Every diagnostic the processor reports, in one place so that the wording stays consistent. Each
 * says what is wrong, names the element, and says what to write instead.
 */
final class Messages {
    private Messages() {
    }

    static String handlerOutsideEndpoint(HandlerKind kind, String method, String type) {
        return kind.displayName() + " method '" + method + "' is in class '" + type
                + "', which has no @WebSocketUpgradePath; annotate '" + type
                + "' with @WebSocketUpgradePath(\"/path\") to make it an endpoint";
    }

    static String endpointNotAClass(String type, String kind) {
        return "@WebSocketUpgradePath must be on a class; '" + type + "' is " + kind;
    }

    static String endpointPrivate(String type) {
        return "Endpoint class '" + type + "' must not be private; the generated code in its package "
                + "creates and calls it. Make it public or package-private";
    }

    static String endpointInPrivateClass(String type, String enclosing) {
        return "Endpoint class '" + type + "' is nested in private class '" + enclosing
                + "'; make '" + enclosing + "' public or package-private";
    }

    static String endpointAbstract(String type) {
        return "Endpoint class '" + type + "' must not be abstract; the runtime creates an instance per "
                + "connection. Remove 'abstract'";
    }

    static String endpointInner(String type) {
        return "Endpoint class '" + type + "' is an inner class; make it static (or top-level) so that it "
                + "can be created without an enclosing instance";
    }

    static String endpointGeneric(String type) {
        return "Endpoint class '" + type + "' must not declare type parameters; the runtime creates it "
                + "without knowing them";
    }

    static String endpointConstructorThrows(String type, String thrown) {
        return "The no-argument constructor of endpoint class '" + type + "' declares 'throws " + thrown
                + "'; the runtime creates an instance per connection with it and cannot pass on checked "
                + "exceptions. Catch " + thrown + " inside the constructor";
    }

    static String endpointWithoutHandler(String type) {
        return "Endpoint class '" + type + "' has no handler method; add at least one method annotated "
                + "with @OnOpen, @OnTextMessage, @OnBinaryMessage, @OnClose or another handler annotation";
    }

    static String invalidPath(String annotation, String path, String problem) {
        return annotation + " path \"" + path + "\" " + problem;
    }

    static String duplicatePath(String path, String type, String otherType) {
        return "Endpoint path \"" + path + "\" of '" + type + "' is already used by '" + otherType
                + "'; give each endpoint its own path";
    }

    static String overlappingPath(String path, String type, String otherPath, String otherType) {
        return "Endpoint path \"" + path + "\" of '" + type + "' can match the same requests as \"" + otherPath
                + "\" of '" + otherType + "'; make the two paths differ in a literal segment or in their number "
                + "of segments";
    }

    static String pathParameterInBothPaths(String name, String basePath, String upgradePath) {
        return "Path parameter '" + name + "' is in both @BasePath \"" + basePath + "\" and @WebSocketUpgradePath \""
                + upgradePath + "\"; give each path parameter its own name";
    }

    static String invalidSubprotocol(String subprotocol) {
        return "@WebSocketUpgradePath subprotocol \"" + subprotocol + "\" is not a valid token; use letters, digits "
                + "and ! # $ % & ' * + - . ^ _ ` | ~, e.g. \"chat.v2\"";
    }

    static String repeatedSubprotocol(String subprotocol) {
        return "@WebSocketUpgradePath lists subprotocol \"" + subprotocol + "\" twice; list each once, most "
                + "preferred first";
    }

    static String invalidOrigin(String origin, String problem) {
        return "@WebSocketUpgradePath origin \"" + origin + "\" " + problem;
    }

    static String repeatedOrigin(String origin) {
        return "@WebSocketUpgradePath lists origin \"" + origin + "\" twice; list each once";
    }

    static String negativeIdleTimeout(int seconds) {
        return "@WebSocketUpgradePath idleTimeoutSeconds is " + seconds + "; write a number of seconds, or 0 for "
                + "the server's default";
    }

    static String generatedNameClash(String type, String generated, String otherType) {
        return "Endpoint class '" + type + "' would generate '" + generated + "', which endpoint class '"
                + otherType + "' generates too; rename one of the two classes";
    }

    static String duplicateHandler(HandlerKind kind, String type, String first, String second) {
        return "Class '" + type + "' has two " + kind.displayName() + " methods, '" + first + "' and '"
                + second + "'; keep one";
    }

    static String severalHandlerAnnotations(String method, String kinds) {
        return "Method '" + method + "' has " + kinds + "; a method handles one kind of event, so keep one "
                + "annotation and move the rest to other methods";
    }

    static String handlerPrivate(HandlerKind kind, String method) {
        return kind.displayName() + " method '" + method + "' must not be private; the generated dispatcher "
                + "calls it. Make it package-private or public";
    }

    static String handlerStatic(HandlerKind kind, String method) {
        return kind.displayName() + " method '" + method + "' must not be static; handlers run on the "
                + "connection's own instance. Remove 'static'";
    }

    static String handlerAbstract(HandlerKind kind, String method) {
        return kind.displayName() + " method '" + method + "' must not be abstract; give it a body";
    }

    static String handlerGeneric(HandlerKind kind, String method) {
        return kind.displayName() + " method '" + method + "' must not declare type parameters";
    }

    static String handlerThrowsThrowable(HandlerKind kind, String method, String thrown) {
        return kind.displayName() + " method '" + method + "' declares 'throws " + thrown
                + "'; a handler may throw only Exceptions";
    }

    static String parameterNotAccepted(HandlerKind kind, String method, String parameter, String type) {
        return kind.displayName() + " method '" + method + "' cannot take parameter '" + parameter
                + "' of type " + type + "; it accepts " + kind.acceptedDescription()
                + ". Bind a handshake value with @PathParam, @QueryParam or @HeaderParam";
    }

    static String parameterRepeated(HandlerKind kind, String method, String parameter, String type) {
        return kind.displayName() + " method '" + method + "' takes a second " + type + " parameter '"
                + parameter + "'; it accepts " + kind.acceptedDescription() + ". Remove '" + parameter + "'";
    }

    static String textMessageMissing(String method) {
        return "@OnTextMessage method '" + method + "' must take the message, a String or a typed message, e.g. "
                + method + "(WebSocketSession session, String message)";
    }

    static String binaryMessageMissing(String method) {
        return "@OnBinaryMessage method '" + method + "' must take a byte[] or ByteBuffer message parameter, e.g. "
                + method + "(WebSocketSession session, byte[] message)";
    }

    static String returnNotVoid(HandlerKind kind, String method, String type) {
        return kind.displayName() + " method '" + method + "' must return void; found " + type;
    }

    static String returnNotReply(HandlerKind kind, String method, String type) {
        String replies = kind == HandlerKind.BINARY_MESSAGE
                ? "byte[], ByteBuffer or a type with a binary codec (or a CompletionStage of one)"
                : "String or a type with a text codec (or a CompletionStage of one)";
        return kind.displayName() + " method '" + method + "' returns " + type
                + "; return void, or " + replies + " to reply to the client";
    }

    static String asyncReplyNotAccepted(HandlerKind kind, String method, String type) {
        String replies = kind == HandlerKind.BINARY_MESSAGE
                ? "CompletionStage<byte[]>, CompletionStage<ByteBuffer> or a CompletionStage of a type with a binary codec"
                : "CompletionStage<String> or a CompletionStage of a type with a text codec";
        return kind.displayName() + " method '" + method + "' returns " + type + "; a CompletionStage must "
                + "complete with the reply, so return " + replies + " (or void, to send nothing)";
    }

    static String broadcastVoid(HandlerKind kind, String method) {
        String replies = kind == HandlerKind.BINARY_MESSAGE
                ? "the byte[] or ByteBuffer to send to every open session (or a CompletionStage of one)"
                : "the String to send to every open session (or a CompletionStage of it)";
        return kind.displayName() + " method '" + method + "' has broadcast = true but returns void, so there is "
                + "nothing to broadcast; return " + replies + ", or remove broadcast = true";
    }

    static String errorParameterMissing(String method) {
        return "@OnError method '" + method + "' must take the exception it handles, a Throwable or a subtype, "
                + "e.g. " + method + "(IllegalStateException error, WebSocketSession session)";
    }

    static String duplicateErrorHandler(String type, String error, String first, String second) {
        return "Class '" + type + "' has two @OnError methods for " + error + ", '" + first + "' and '" + second
                + "'; keep one, or let one handle a more specific exception type";
    }

    static String severalHandshakeValueAnnotations(HandlerKind kind, String method, String parameter,
                                                   String annotations) {
        return "Parameter '" + parameter + "' of " + kind.displayName() + " method '" + method + "' has "
                + annotations + "; a parameter takes one value, so keep one annotation";
    }

    static String handshakeValueOutsideHandler(HandshakeValue.Source source, String parameter, String owner) {
        return source.displayName() + " parameter '" + parameter + "' of " + owner + " is never bound: only "
                + "parameters of handler methods (@OnOpen, @OnTextMessage and the others) receive handshake values. "
                + "Take the value in a handler and pass it on, or remove " + source.displayName();
    }

    static String unknownPathParameter(HandlerKind kind, String method, String parameter, String name, String path,
                                       List<String> names) {
        String start = "@PathParam parameter '" + parameter + "' of " + kind.displayName() + " method '" + method
                + "' binds '" + name + "', ";
        if (names.isEmpty()) {
            return start + "but the endpoint's path \"" + path + "\" has no path parameters; add a segment {" + name
                    + "} to it";
        }
        return start + "which is not in the endpoint's path \"" + path + "\"; use one of: " + String.join(", ", names);
    }

    static String pathParameterOptional(HandlerKind kind, String method, String parameter, String type,
                                        String valueType) {
        return "@PathParam parameter '" + parameter + "' of " + kind.displayName() + " method '" + method
                + "' is " + type + ", but a path parameter is always present; write "
                + (valueType == null ? "its type" : valueType) + " instead";
    }

    static String handshakeValueType(HandshakeValue.Source source, HandlerKind kind, String method,
                                     String parameter, String type) {
        String optional = source == HandshakeValue.Source.PATH ? "" : ", or Optional of one of them";
        return source.displayName() + " parameter '" + parameter + "' of " + kind.displayName() + " method '"
                + method + "' has type " + type + "; use String, int, long, boolean, their boxed types, UUID or "
                + "an enum" + optional;
    }

    static String parameterTypePrivate(HandlerKind kind, String method, String parameter, String type,
                                       String privateType) {
        String which = type.equals(privateType) ? "is private" : "is nested in private type '" + privateType + "'";
        return "Parameter '" + parameter + "' of " + kind.displayName() + " method '" + method + "' has type " + type
                + ", which " + which + ", so the generated dispatcher cannot name it; make '" + privateType
                + "' package-private or public";
    }

    static String invalidHeaderName(HandlerKind kind, String method, String parameter, String name) {
        return "@HeaderParam parameter '" + parameter + "' of " + kind.displayName() + " method '" + method
                + "' names \"" + name + "\", which is not a header name; write the header's name, e.g. "
                + "@HeaderParam(\"X-Client-Version\")";
    }

    static String noCodec(HandlerKind kind, String method, String use, String type) {
        String fix = kind == HandlerKind.BINARY_MESSAGE
                ? "list a BinaryCodec<" + type + "> in @WebSocketUpgradePath(codecs = ...)"
                : "annotate " + type + " with @Json (avaje-jsonb) or list a TextCodec<" + type
                        + "> in @WebSocketUpgradePath(codecs = ...)";
        return kind.displayName() + " method '" + method + "' " + use + " " + type + ", which has no "
                + (kind == HandlerKind.BINARY_MESSAGE ? "binary" : "text") + " codec; " + fix;
    }

    static String jsonModuleMissing(HandlerKind kind, String method, String type) {
        return kind.displayName() + " method '" + method + "' uses " + type + " as JSON, but "
                + "wsconnector-json-avaje is not on the class path; add the dependency "
                + "io.wsconnector:wsconnector-json-avaje";
    }

    static String replyTypePrivate(HandlerKind kind, String method, String type, String privateType) {
        String which = type.equals(privateType) ? "is private" : "is nested in private type '" + privateType + "'";
        return kind.displayName() + " method '" + method + "' returns " + type + ", which " + which
                + ", so the generated dispatcher cannot name it; make '" + privateType + "' package-private or public";
    }

    static String notACodec(String codec) {
        return "@WebSocketUpgradePath codec '" + codec + "' implements neither TextCodec nor BinaryCodec; "
                + "implement TextCodec<T> or BinaryCodec<T> (io.wsconnector.runtime.codec) for the type it converts";
    }

    static String codecNotCreatable(String codec) {
        return "@WebSocketUpgradePath codec '" + codec + "' cannot be created by the generated dispatcher with new "
                + codec + "(); make it a non-abstract class without type parameters, static if nested, with a "
                + "public no-argument constructor";
    }

    static String codecTypeNotNamed(String codec, boolean binary) {
        String contract = binary ? "BinaryCodec" : "TextCodec";
        return "@WebSocketUpgradePath codec '" + codec + "' must name the type it converts, a class without type "
                + "arguments, e.g. " + codec + " implements " + contract + "<Move>";
    }

    static String duplicateCodec(String type, boolean binary, String first, String second) {
        return "@WebSocketUpgradePath codecs '" + first + "' and '" + second + "' both convert " + type + " to "
                + (binary ? "binary" : "text") + " messages; list one";
    }

    static String dispatchKeyWithoutJson(String key) {
        return "@WebSocketUpgradePath dispatchKey \"" + key + "\" reads JSON, but wsconnector-json-avaje is not on "
                + "the class path; add the dependency io.wsconnector:wsconnector-json-avaje";
    }

    static String dispatchValueMissing(String method, String key) {
        return "The endpoint dispatches text messages on \"" + key + "\", so @OnTextMessage method '" + method
                + "' must name the value it takes, e.g. @OnTextMessage(\"" + method + "\")";
    }

    static String dispatchValueWithoutKey(String method, String value) {
        return "@OnTextMessage(\"" + value + "\") method '" + method + "' names a message type, but the endpoint "
                + "has no dispatchKey; add dispatchKey = \"type\" (the JSON field holding \"" + value
                + "\") to @WebSocketUpgradePath, or write @OnTextMessage";
    }

    static String duplicateDispatchValue(String type, String key, String value, String first, String second) {
        return "Class '" + type + "' has two @OnTextMessage methods for " + key + " \"" + value + "\", '" + first
                + "' and '" + second + "'; keep one";
    }

    static String processorCrashed(String stackTrace) {
        return "wsconnector's WebSocketProcessor crashed; this is a bug in wsconnector, not in your code. "
                + "Please report it with this stack trace:\n" + stackTrace;
    }
}
