package io.wsconnector.processor;

import java.util.List;
import java.util.Optional;

/**
 * A valid handler method: what it handles, its name, what to pass for each of its parameters in
 * order, whether its return value is sent back, and whether it declares checked exceptions.
 *
 * @param broadcast     whether the reply goes to every open session of the endpoint instead of only the
 *                      sender ({@code broadcast = true} on {@code @OnTextMessage}/{@code @OnBinaryMessage});
 *                      only {@code true} with a {@link Reply} other than {@link PlainReply#NONE}
 * @param dispatchValue the value of the endpoint's dispatch key this {@code @OnTextMessage} method takes
 *                      ({@code @OnTextMessage("join")}); empty for other kinds, or without a dispatch key
 */
record HandlerMethod(HandlerKind kind,
                     String methodName,
                     List<Argument> arguments,
                     Reply reply,
                     boolean broadcast,
                     boolean throwsChecked,
                     Optional<String> dispatchValue) {

    /** The exception an {@code @OnError} method handles; empty for other kinds. */
    Optional<HandledError> handledError() {
        return arguments.stream()
                .filter(HandledError.class::isInstance)
                .map(HandledError.class::cast)
                .findFirst();
    }
}
