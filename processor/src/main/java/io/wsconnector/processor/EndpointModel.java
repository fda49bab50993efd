package io.wsconnector.processor;

import java.util.List;

import javax.lang.model.element.TypeElement;

import com.squareup.javapoet.ClassName;

/**
 * A valid endpoint class: its type, the path it is served at and its handler methods, at most one
 * of each kind. Built only when the class has no error.
 */
record EndpointModel(TypeElement element,
                     ClassName endpointClass,
                     String path,
                     List<HandlerMethod> handlers) {

    /** The generated registration class, e.g. {@code HelloWorld_WebSocketEndpoint}. */
    ClassName registrationClass() {
        return generatedName("_WebSocketEndpoint");
    }

    /** The generated dispatcher class, e.g. {@code HelloWorld_WebSocketDispatcher}. */
    ClassName dispatcherClass() {
        return generatedName("_WebSocketDispatcher");
    }

    private ClassName generatedName(String suffix) {
        return ClassName.get(endpointClass.packageName(), String.join("_", endpointClass.simpleNames()) + suffix);
    }
}
