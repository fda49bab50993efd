package io.wsconnector.processor;

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

    static String endpointNoConstructor(String type) {
        return "Endpoint class '" + type + "' needs a non-private constructor without parameters; the "
                + "runtime creates an instance per connection with it";
    }

    static String endpointConstructorThrows(String type, String thrown) {
        return "The no-argument constructor of endpoint class '" + type + "' declares 'throws " + thrown
                + "'; the runtime creates an instance per connection with it and cannot pass on checked "
                + "exceptions. Catch " + thrown + " inside the constructor";
    }

    static String endpointWithoutHandler(String type) {
        return "Endpoint class '" + type + "' has no handler method; add at least one method annotated "
                + "with @OnOpen, @OnTextMessage, @OnBinaryMessage or @OnClose";
    }

    static String invalidPath(String annotation, String path, String problem) {
        return annotation + " path \"" + path + "\" " + problem;
    }

    static String duplicatePath(String path, String type, String otherType) {
        return "Endpoint path \"" + path + "\" of '" + type + "' is already used by '" + otherType
                + "'; give each endpoint its own path";
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
                + "' of type " + type + "; it accepts " + kind.acceptedDescription();
    }

    static String parameterRepeated(HandlerKind kind, String method, String parameter, String type) {
        return kind.displayName() + " method '" + method + "' takes a second " + type + " parameter '"
                + parameter + "'; it accepts " + kind.acceptedDescription() + ". Remove '" + parameter + "'";
    }

    static String textMessageMissing(String method) {
        return "@OnTextMessage method '" + method + "' must take a String message parameter, e.g. "
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
        String replies = kind == HandlerKind.BINARY_MESSAGE ? "byte[] or ByteBuffer" : "String";
        return kind.displayName() + " method '" + method + "' returns " + type
                + "; return void, or " + replies + " to reply to the client";
    }

    static String processorCrashed(String stackTrace) {
        return "wsconnector's WebSocketProcessor crashed; this is a bug in wsconnector, not in your code. "
                + "Please report it with this stack trace:\n" + stackTrace;
    }
}
