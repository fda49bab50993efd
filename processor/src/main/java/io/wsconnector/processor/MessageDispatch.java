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

    private MessageDispatch() {
    }

    /** {@code onTextMessage} or {@code onBinaryMessage} calling one handler. */
    static MethodSpec single(HandlerMethod handler, DispatcherNames names) {
        MethodSpec.Builder method = start(handler.kind(), List.of(handler));
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
        MethodSpec.Builder method = start(HandlerKind.TEXT_MESSAGE, handlers)
                .addStatement("$T key = $N.read($N)", STRING, DispatcherNames.DISPATCH_KEY, MESSAGE)
                .beginControlFlow("switch (key)");
        boolean allReturn = true;
        for (HandlerMethod handler : handlers) {
            String value = handler.dispatchValue().orElseThrow();
            if (handler.reply() == PlainReply.NONE) {
                method.addStatement("case $S -> $L", value, names.call(handler));
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

    private static MethodSpec.Builder start(HandlerKind kind, List<HandlerMethod> handlers) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(kind.dispatcherMethod())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(PENDING_REPLY)
                .addParameter(KnownTypes.SESSION, EventArgument.SESSION.dispatcherParameter())
                .addParameter(kind == HandlerKind.TEXT_MESSAGE ? STRING : BYTES, MESSAGE);
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
            case TypedReply typed -> method.addStatement("$T reply = $L", typed.codec().type(), call)
                    .beginControlFlow("if (reply != null)")
                    .addStatement("session.$N($N.encode(reply))", send, names.codecs().get(typed.codec()))
                    .endControlFlow();
        }
        return handler.reply().isAsync();
    }
}
