package io.wsconnector.processor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import com.squareup.javapoet.JavaFile;

/**
 * Writes what the processor generates through the {@link Filer}: each endpoint's Java sources, and
 * {@code META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint}, which lists every generated
 * registration class so that the runtime finds them with {@link java.util.ServiceLoader}.
 */
final class GeneratedFiles {
    static final String SERVICE_FILE = "META-INF/services/" + KnownTypes.ENDPOINT_SPI.canonicalName();

    private final Filer filer;

    GeneratedFiles(Filer filer) {
        this.filer = filer;
    }

    /** Writes Java sources, each with its originating elements, for incremental compilation. */
    void writeSources(List<JavaFile> files) throws IOException {
        for (JavaFile file : files) {
            file.writeTo(filer);
        }
    }

    /** Writes the service file listing the registrations of {@code endpoints}, in their order. */
    void writeServiceFile(Collection<EndpointModel> endpoints) throws IOException {
        TypeElement[] originating = endpoints.stream().map(EndpointModel::element).toArray(TypeElement[]::new);
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE, originating);
        try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            for (EndpointModel endpoint : endpoints) {
                writer.write(endpoint.registrationClass().reflectionName());
                writer.write('\n');
            }
        }
    }
}
