package io.wsconnector.processor;

import static io.wsconnector.processor.Mirrors.annotation;
import static io.wsconnector.processor.Mirrors.arrayValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

import com.squareup.javapoet.ClassName;

/**
 * The codecs of one endpoint's typed messages and replies: the classes listed in
 * {@code @WebSocketUpgradePath(codecs = ...)}, checked when read (each reported on its value), then
 * avaje-jsonb's JSON for text of a type annotated {@code @Json}.
 */
final class EndpointCodecs {
    private final Map<String, MessageCodec> text = new LinkedHashMap<>();
    private final Map<String, MessageCodec> binary = new LinkedHashMap<>();
    private final boolean jsonModule;

    private EndpointCodecs(boolean jsonModule) {
        this.jsonModule = jsonModule;
    }

    /** Reads and checks the codecs listed on {@code endpoint}'s {@code @WebSocketUpgradePath}. */
    static EndpointCodecs of(TypeElement endpoint, ErrorReport report, Mirrors mirrors) {
        EndpointCodecs codecs = new EndpointCodecs(mirrors.exists(KnownTypes.AVAJE_JSON_CODEC));
        AnnotationMirror upgrade = annotation(endpoint, KnownTypes.UPGRADE_PATH);
        String endpointPackage = packageOf(endpoint);
        for (AnnotationValue value : arrayValue(upgrade, "codecs")) {
            if (!(value.getValue() instanceof DeclaredType codecType)) {
                continue; // javac reports a class it cannot find
            }
            TypeElement codec = (TypeElement) codecType.asElement();
            String name = codec.getSimpleName().toString();
            Optional<TypeMirror> textType = mirrors.typeArgument(codecType, KnownTypes.TEXT_CODEC);
            Optional<TypeMirror> binaryType = mirrors.typeArgument(codecType, KnownTypes.BINARY_CODEC);
            boolean implementsCodec = mirrors.isSubtype(codecType, KnownTypes.TEXT_CODEC)
                    || mirrors.isSubtype(codecType, KnownTypes.BINARY_CODEC);
            if (!implementsCodec) {
                report.error(Messages.notACodec(name), endpoint, upgrade, value);
                continue;
            }
            if (!creatable(codec, endpointPackage)) {
                report.error(Messages.codecNotCreatable(name), endpoint, upgrade, value);
                continue;
            }
            if (mirrors.isSubtype(codecType, KnownTypes.TEXT_CODEC)) {
                codecs.add(codecs.text, textType, codec, false, report, endpoint, upgrade, value);
            }
            if (mirrors.isSubtype(codecType, KnownTypes.BINARY_CODEC)) {
                codecs.add(codecs.binary, binaryType, codec, true, report, endpoint, upgrade, value);
            }
        }
        return codecs;
    }

    private void add(Map<String, MessageCodec> codecs, Optional<TypeMirror> converted, TypeElement codec,
                     boolean binaryCodec, ErrorReport report, TypeElement endpoint, AnnotationMirror upgrade,
                     AnnotationValue value) {
        String name = codec.getSimpleName().toString();
        Optional<TypeElement> type = converted.flatMap(Mirrors::plainClass);
        if (type.isEmpty()) {
            report.error(Messages.codecTypeNotNamed(name, binaryCodec), endpoint, upgrade, value);
            return;
        }
        String key = type.get().getQualifiedName().toString();
        MessageCodec first = codecs.get(key);
        if (first != null) {
            report.error(Messages.duplicateCodec(type.get().getSimpleName().toString(), binaryCodec,
                    first.implementation().simpleName(), name), endpoint, upgrade, value);
            return;
        }
        codecs.put(key, new MessageCodec(ClassName.get(type.get()), binaryCodec, ClassName.get(codec)));
    }

    /** Whether the generated dispatcher, in {@code endpointPackage}, can write {@code new Codec()}. */
    private static boolean creatable(TypeElement codec, String endpointPackage) {
        Set<Modifier> modifiers = codec.getModifiers();
        boolean samePackage = packageOf(codec).equals(endpointPackage);
        if (codec.getKind() != ElementKind.CLASS || modifiers.contains(Modifier.ABSTRACT)
                || !codec.getTypeParameters().isEmpty()
                || (codec.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC))
                || !accessible(modifiers, samePackage)) {
            return false;
        }
        for (TypeElement outer = enclosingType(codec); outer != null; outer = enclosingType(outer)) {
            if (!accessible(outer.getModifiers(), samePackage)) {
                return false;
            }
        }
        return ElementFilter.constructorsIn(codec.getEnclosedElements()).stream()
                .filter(constructor -> constructor.getParameters().isEmpty())
                .map(ExecutableElement::getModifiers)
                .anyMatch(constructorModifiers -> accessible(constructorModifiers, samePackage));
    }

    private static boolean accessible(Set<Modifier> modifiers, boolean samePackage) {
        return modifiers.contains(Modifier.PUBLIC) || (samePackage && !modifiers.contains(Modifier.PRIVATE));
    }

    private static TypeElement enclosingType(TypeElement type) {
        return type.getEnclosingElement() instanceof TypeElement outer ? outer : null;
    }

    private static String packageOf(TypeElement type) {
        Element element = type;
        while (!(element instanceof PackageElement)) {
            element = element.getEnclosingElement();
        }
        return ((PackageElement) element).getQualifiedName().toString();
    }

    /**
     * The codec of {@code type}: the listed one, or for text JSON if the type is annotated {@code @Json}.
     *
     * @param binaryMessages whether the codec is for binary messages, rather than text
     * @return the codec; empty if there is none, or {@code type} is not a class without type arguments
     */
    Optional<MessageCodec> find(TypeMirror type, boolean binaryMessages) {
        Optional<TypeElement> element = Mirrors.plainClass(type);
        if (element.isEmpty()) {
            return Optional.empty();
        }
        MessageCodec listed = (binaryMessages ? binary : text).get(element.get().getQualifiedName().toString());
        if (listed != null) {
            return Optional.of(listed);
        }
        if (!binaryMessages && annotation(element.get(), KnownTypes.JSON) != null) {
            return Optional.of(MessageCodec.json(ClassName.get(element.get())));
        }
        return Optional.empty();
    }

    /** Whether {@code wsconnector-json-avaje}, which JSON codecs need, is missing from the class path. */
    boolean jsonModuleMissing() {
        return !jsonModule;
    }
}
