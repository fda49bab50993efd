package io.wsconnector.processor;

import com.squareup.javapoet.ClassName;

/**
 * The {@link Argument} of an {@code @OnError} method that receives the exception, with the type the
 * method handles: {@code Throwable} or a subtype.
 */
record HandledError(ClassName type) implements Argument {
    static final ClassName THROWABLE = ClassName.get(Throwable.class);

    /** Whether the method handles every exception, so the dispatcher calls it without a type test. */
    boolean handlesAll() {
        return type.equals(THROWABLE);
    }

    @Override
    public boolean sameValueAs(Argument other) {
        return other instanceof HandledError;
    }
}
