package io.wsconnector.processor;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import javax.annotation.processing.Generated;

import com.squareup.javapoet.ClassName;

import io.wsconnector.annotations.BasePath;
import io.wsconnector.annotations.WebSocketUpgradePath;

/**
 * The types the processor checks for or generates code against, each named once. The annotations are
 * named through their classes, so that renaming one cannot leave a stale name here; the runtime's and
 * the JSON module's types by name, since the processor depends on neither (the handler annotations and
 * the handshake-value annotations are in {@link HandlerKind} and {@link HandshakeValue.Source}).
 */
final class KnownTypes {
    static final ClassName UPGRADE_PATH = ClassName.get(WebSocketUpgradePath.class);
    static final ClassName BASE_PATH = ClassName.get(BasePath.class);

    private static final String RUNTIME = "io.wsconnector.runtime";
    private static final String SPI = RUNTIME + ".spi";
    private static final String INTERNAL = RUNTIME + ".internal";
    static final ClassName SESSION = ClassName.get(RUNTIME, "WebSocketSession");
    static final ClassName HANDSHAKE_REQUEST = ClassName.get(RUNTIME, "HandshakeRequest");
    /** What the generated registration implements; listed in the service file. */
    static final ClassName ENDPOINT_SPI = ClassName.get(SPI, "WebSocketEndpoint");
    /** What the generated dispatcher implements. */
    static final ClassName DISPATCHER_SPI = ClassName.get(SPI, "WebSocketDispatcher");
    /** Converts handshake values in generated code. */
    static final ClassName HANDSHAKE_VALUES = ClassName.get(INTERNAL, "HandshakeValues");
    /** Sends asynchronous replies in generated code. */
    static final ClassName ASYNC_REPLIES = ClassName.get(INTERNAL, "AsyncReplies");
    /** Sends asynchronous typed replies in generated code. */
    static final ClassName TYPED_REPLIES = ClassName.get(INTERNAL, "TypedReplies");
    /** Closes a connection whose message did not decode, in generated code. */
    static final ClassName DECODE_FAILURES = ClassName.get(INTERNAL, "DecodeFailures");

    private static final String CODEC = RUNTIME + ".codec";
    /** What a codec for text messages implements. */
    static final ClassName TEXT_CODEC = ClassName.get(CODEC, "TextCodec");
    /** What a codec for binary messages implements. */
    static final ClassName BINARY_CODEC = ClassName.get(CODEC, "BinaryCodec");
    /** Thrown when a message does not decode; handled by {@code @OnError} or a 1003/1007 close. */
    static final ClassName MESSAGE_DECODE_EXCEPTION = ClassName.get(CODEC, "MessageDecodeException");

    /** avaje-jsonb's annotation, which makes a type JSON. */
    static final ClassName JSON = ClassName.get("io.avaje.jsonb", "Json");
    private static final String JSON_AVAJE = "io.wsconnector.json.avaje";
    /** The codec of {@code @Json} types, in {@code wsconnector-json-avaje}. */
    static final ClassName AVAJE_JSON_CODEC = ClassName.get(JSON_AVAJE, "AvajeJsonCodec");
    /** Reads the dispatch key of a JSON message, in {@code wsconnector-json-avaje}. */
    static final ClassName JSON_DISPATCH_KEY = ClassName.get(JSON_AVAJE, "JsonDispatchKey");

    /** Put on generated classes when the target platform has it. */
    static final ClassName GENERATED = ClassName.get(Generated.class);

    static final ClassName STRING = ClassName.get(String.class);
    static final ClassName INTEGER = ClassName.get(Integer.class);
    static final ClassName LONG = ClassName.get(Long.class);
    static final ClassName BOOLEAN = ClassName.get(Boolean.class);
    static final ClassName UUID = ClassName.get(UUID.class);
    static final ClassName OPTIONAL = ClassName.get(Optional.class);
    static final ClassName BYTE_BUFFER = ClassName.get(ByteBuffer.class);
    static final ClassName COMPLETION_STAGE = ClassName.get(CompletionStage.class);
    static final ClassName THROWABLE = ClassName.get(Throwable.class);
    static final ClassName EXCEPTION = ClassName.get(Exception.class);
    static final ClassName RUNTIME_EXCEPTION = ClassName.get(RuntimeException.class);
    static final ClassName ERROR = ClassName.get(Error.class);

    private KnownTypes() {
    }
}
