package io.wsconnector.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;

/**
 * How the generated dispatcher converts one type of typed message or reply: with avaje-jsonb's JSON,
 * for a type annotated {@code @Json}, or with a codec class listed in
 * {@code @WebSocketUpgradePath(codecs = ...)}. The dispatcher holds one instance of each in a constant.
 *
 * @param type           the type converted, without type arguments
 * @param binary         whether it is converted to and from binary messages ({@code BinaryCodec}) rather
 *                       than text ({@code TextCodec})
 * @param implementation the listed codec class, created with {@code new}; {@code null} for JSON
 */
record MessageCodec(ClassName type, boolean binary, ClassName implementation) {

    /** The JSON codec of a type annotated with avaje-jsonb's {@code @Json}. */
    static MessageCodec json(ClassName type) {
        return new MessageCodec(type, false, null);
    }

    /** The constant's type: {@code TextCodec<T>} or {@code BinaryCodec<T>}. */
    TypeName constantType() {
        return ParameterizedTypeName.get(binary ? KnownTypes.BINARY_CODEC : KnownTypes.TEXT_CODEC, type);
    }

    /** The constant's value: {@code AvajeJsonCodec.of(T.class)} or {@code new C()}. */
    CodeBlock initializer() {
        return implementation == null
                ? CodeBlock.of("$T.of($T.class)", KnownTypes.AVAJE_JSON_CODEC, type)
                : CodeBlock.of("new $T()", implementation);
    }
}
