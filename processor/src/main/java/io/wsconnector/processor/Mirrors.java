package io.wsconnector.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import com.squareup.javapoet.ClassName;

/**
 * Reads the {@code javax.lang.model} mirrors as the validators need them: an element's annotations and
 * the values written in them, whether a type is or extends a {@link KnownTypes known type}, and a
 * type's name as a user writes it in messages.
 */
final class Mirrors {
    private final Elements elements;
    private final Types types;

    Mirrors(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** The element's annotation of type {@code annotation}, or {@code null} if it has none. */
    static AnnotationMirror annotation(Element element, ClassName annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(annotation.canonicalName())) {
                return mirror;
            }
        }
        return null;
    }

    /** The value written for {@code name}, or {@code null} if it is left to its default. */
    static AnnotationValue annotationValue(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The elements written for the array {@code name}; empty if it is left to its default. */
    static List<AnnotationValue> arrayValue(AnnotationMirror annotation, String name) {
        AnnotationValue value = annotationValue(annotation, name);
        if (value == null || !(value.getValue() instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(AnnotationValue.class::isInstance)
                .map(AnnotationValue.class::cast)
                .toList();
    }

    /** The type {@code className} of the compilation. */
    TypeMirror type(ClassName className) {
        return elements.getTypeElement(className.canonicalName()).asType();
    }

    /** Whether {@code type} is the class {@code className}, with any type arguments. */
    static boolean isType(TypeMirror type, ClassName className) {
        return type.getKind() == TypeKind.DECLARED && ((TypeElement) ((DeclaredType) type).asElement())
                .getQualifiedName().contentEquals(className.canonicalName());
    }

    /** Whether {@code type} is {@code className} or a subtype of it, type arguments aside. */
    boolean isSubtype(TypeMirror type, ClassName className) {
        TypeElement supertype = elements.getTypeElement(className.canonicalName());
        return supertype != null && types.isSubtype(type, types.erasure(supertype.asType()));
    }

    /** Whether {@code type} is {@code CompletionStage<result>} or a subtype, e.g. {@code CompletableFuture<result>}. */
    boolean isCompletionStageOf(TypeMirror type, TypeMirror result) {
        TypeElement stage = elements.getTypeElement(KnownTypes.COMPLETION_STAGE.canonicalName());
        return stage != null && types.isSubtype(type, types.getDeclaredType(stage, result));
    }

    /** Whether the compilation's class path has the class {@code className}. */
    boolean exists(ClassName className) {
        return elements.getTypeElement(className.canonicalName()) != null;
    }

    /**
     * The type argument {@code type} gives the one-parameter type {@code generic} it is or extends:
     * {@code Move} for a class implementing {@code TextCodec<Move>}, or for {@code CompletableFuture<Move>}
     * and {@code CompletionStage}.
     *
     * @return the argument; empty if {@code type} does not extend {@code generic}, or extends it raw
     */
    Optional<TypeMirror> typeArgument(TypeMirror type, ClassName generic) {
        if (isType(type, generic)) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            return arguments.size() == 1 ? Optional.of(arguments.get(0)) : Optional.empty();
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
            Optional<TypeMirror> argument = typeArgument(supertype, generic);
            if (argument.isPresent()) {
                return argument;
            }
        }
        return Optional.empty();
    }

    /** The class or interface a declared type names, when it has no type arguments; empty for any other type. */
    static Optional<TypeElement> plainClass(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED || !((DeclaredType) type).getTypeArguments().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((TypeElement) ((DeclaredType) type).asElement());
    }

    /** The type without its type arguments: {@code CompletableFuture} for {@code CompletableFuture<String>}. */
    TypeMirror erasure(TypeMirror type) {
        return types.erasure(type);
    }

    /** Whether the two are the same type. */
    boolean isSameType(TypeMirror type, TypeMirror other) {
        return types.isSameType(type, other);
    }

    /** Whether {@code type} is {@code supertype} or a subtype of it. */
    boolean isSubtype(TypeMirror type, TypeMirror supertype) {
        return types.isSubtype(type, supertype);
    }

    /** {@code byte[]}. */
    TypeMirror byteArray() {
        return types.getArrayType(types.getPrimitiveType(TypeKind.BYTE));
    }

    /** The class a value of {@code type} is: the boxed class for a primitive type, the type itself otherwise. */
    ClassName boxedClass(TypeMirror type) {
        TypeMirror boxed = type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
        return ClassName.get((TypeElement) ((DeclaredType) boxed).asElement());
    }

    static boolean isByteArray(TypeMirror type) {
        return type.getKind() == TypeKind.ARRAY
                && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
    }

    /** Whether the element was written in source or implied by the language, e.g. a default constructor. */
    boolean isMandated(Element element) {
        return elements.getOrigin(element) == Elements.Origin.MANDATED;
    }

    /**
     * The first private type among a declared type and the types it is nested in, which a class of its
     * package (the generated dispatcher) cannot name; empty for any other type.
     */
    static Optional<TypeElement> privateType(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        for (Element element = ((DeclaredType) type).asElement(); element instanceof TypeElement nested;
                element = nested.getEnclosingElement()) {
            if (nested.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of(nested);
            }
        }
        return Optional.empty();
    }

    /** A type's simple name, without type arguments: {@code List} for {@code java.util.List<Byte>}. */
    static String typeName(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            return ((DeclaredType) type).asElement().getSimpleName().toString();
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return typeName(((ArrayType) type).getComponentType()) + "[]";
        }
        return type.toString();
    }

    /** A type as a user writes it, with simple names: {@code Optional<List<String>>}. */
    static String displayType(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            String name = ((DeclaredType) type).asElement().getSimpleName().toString();
            return arguments.isEmpty() ? name : name + arguments.stream()
                    .map(Mirrors::displayType)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return displayType(((ArrayType) type).getComponentType()) + "[]";
        }
        if (type.getKind() == TypeKind.WILDCARD) {
            WildcardType wildcard = (WildcardType) type;
            if (wildcard.getExtendsBound() != null) {
                return "? extends " + displayType(wildcard.getExtendsBound());
            }
            if (wildcard.getSuperBound() != null) {
                return "? super " + displayType(wildcard.getSuperBound());
            }
            return "?";
        }
        return type.toString();
    }
}
