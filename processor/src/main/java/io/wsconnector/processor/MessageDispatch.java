package io.wsconnector.processor;

import static io.wsconnector.processor.KnownTypes.ASYNC_REPLIES;
import static io.wsconnector.processor.KnownTypes.STRING;
import static io.wsconnector.processor.KnownTypes.TYPED_REPLIES;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

import javax.lang.model.element.Modifier;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;

/**
 * Generates the dispatcher's {@code onTextMessage} and {@code onBinaryMessage}: the handler call, with
 * the message decoded for a typed handler, and the reply sent as it is or encoded; with a dispatch key,
 * one {@code switch} on the key's value with a case per handler.
 */
final class MessageDispatch {
    static final TypeName BYTES = ArrayTypeName.of(TypeName.BYTE);
    private static final TypeName PENDING_REPLY = ParameterizedTypeName.get(ClassName.get(CompletionStage.class),
            WildcardTypeName.subtypeOf(Object.class));
    private static final String MESSAGE = EventArgument.TEXT_MESSAGE.dispatcherParameter();
    /** The dispatcher method that takes a text message as its UTF-8 bytes. */
    static final String UTF8_TEXT_METHOD = "onUtf8TextMessage";

    private MessageDispatch() {
    }

    /** {@code onTextMessage} or {@code onBinaryMessage} calling one handler. */
    static MethodSpec single(HandlerMethod handler, DispatcherNames names) {
        MethodSpec.Builder method = start(handler.kind(), List.of(handler), names);
        if (!addCall(method, handler, names)) {
            method.addStatement("return null");
        }
        return method.build();
    }

    /**
     * {@code onTextMessage} of an endpoint with a dispatch key: reads the key's value once and calls the
     * handler that takes it; a value none takes is an unknown key ({@code MessageDecodeException}).
     */
    static MethodSpec keyed(List<HandlerMethod> handlers, DispatcherNames names) {
        MethodSpec.Builder method = start(HandlerKind.TEXT_MESSAGE, handlers, names)
                .addStatement("$T key = $N.read($N)", STRING, DispatcherNames.DISPATCH_KEY, MESSAGE)
                .beginControlFlow("switch (key)");
        boolean allReturn = true;
        for (HandlerMethod handler : handlers) {
            String value = handler.dispatchValue().orElseThrow();
            if (handler.reply() == PlainReply.NONE) {
                method.addStatement("case $S -> $L", value, names.call(handler));
                allReturn = false;
            } else if (sendsUtf8(handler)) {
                method.addStatement("case $S -> $L", value, utf8Send(handler, names));
                allReturn = false;
            } else {
                method.beginControlFlow("case $S ->", value);
                allReturn &= addCall(method, handler, names);
                method.endControlFlow();
            }
        }
        method.addStatement("default -> throw $N.unknown($N, key)", DispatcherNames.DISPATCH_KEY, MESSAGE)
                .endControlFlow();
        if (!allReturn) {
            method.addStatement("return null");
        }
        return method.build();
    }

    /** The method's declaration: a text message as a {@code String}, or as UTF-8 bytes for codecs. */
    private static MethodSpec.Builder start(HandlerKind kind, List<HandlerMethod> handlers, DispatcherNames names) {
        boolean text = kind == HandlerKind.TEXT_MESSAGE;
        MethodSpec.Builder method = MethodSpec.methodBuilder(text && names.utf8() ? UTF8_TEXT_METHOD
                        : kind.dispatcherMethod())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(PENDING_REPLY)
                .addParameter(KnownTypes.SESSION, EventArgument.SESSION.dispatcherParameter())
                .addParameter(text && !names.utf8() ? STRING : BYTES, MESSAGE);
        if (handlers.stream().anyMatch(HandlerMethod::throwsChecked)) {
            method.addException(Exception.class);
        }
        return method;
    }

    /**
     * Adds the handler call and the sending of its reply.
     *
     * @return whether the statements end with a {@code return} (of a pending reply)
     */
    private static boolean addCall(MethodSpec.Builder method, HandlerMethod handler, DispatcherNames names) {
        CodeBlock call = names.call(handler);
        String send = handler.reply().method(handler.broadcast());
        switch (handler.reply()) {
            case PlainReply plain when plain == PlainReply.NONE -> method.addStatement("$L", call);
            case PlainReply plain when plain.isAsync() ->
                    method.addStatement("return $T.$N(session, $L)", ASYNC_REPLIES, send, call);
            case PlainReply plain -> method.addStatement("$T reply = $L", switch (plain) {
                        case TEXT -> STRING;
                        case BYTES -> BYTES;
                        default -> ClassName.get(ByteBuffer.class);
                    }, call)
                    .beginControlFlow("if (reply != null)")
                    .addStatement("session.$N(reply)", send)
                    .endControlFlow();
            case TypedReply typed when typed.async() -> method.addStatement("return $T.$N(session, $L,$W$N)",
                    TYPED_REPLIES, send, call, names.codecs().get(typed.codec()));
            case TypedReply typed when sendsUtf8(handler) -> method.addStatement("$L", utf8Send(handler, names));
            case TypedReply typed -> method.addStatement("$T reply = $L", typed.codec().type(), call)
                    .beginControlFlow("if (reply != null)")
                    .addStatement("session.$N($N.encode(reply))", send, names.codecs().get(typed.codec()))
                    .endControlFlow();
        }
        return handler.reply().isAsync();
    }

    /** Whether the handler's reply is a typed text message for the sender, sent as its codec's UTF-8. */
    private static boolean sendsUtf8(HandlerMethod handler) {
        return handler.reply() instanceof TypedReply typed && !typed.async() && !typed.codec().binary()
                && !handler.broadcast();
    }

    /** The codec's UTF-8 goes out as it is, without a {@code String} in between. */
    private static CodeBlock utf8Send(HandlerMethod handler, DispatcherNames names) {
        TypedReply typed = (TypedReply) handler.reply();
        return CodeBlock.of("$T.send(session, $L,$W$N)", TYPED_REPLIES, names.call(handler),
                names.codecs().get(typed.codec()));
    }
}
