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
 * named through their classes, so that renaming one cannot leave a stale name here; the runtime's
 * types by name, since the processor does not depend on the runtime (the handler annotations and the
 * handshake-value annotations are in {@link HandlerKind} and {@link HandshakeValue.Source}).
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
