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
 * {@code META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint}, which lists the generated
 * registration classes that {@link java.util.ServiceLoader} can create, so that the runtime finds them.
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

    /**
     * Writes the service file listing, in their order, the registrations of those {@code endpoints}
     * whose class has a no-argument constructor (the others need a supplier, which
     * {@link java.util.ServiceLoader} cannot give); writes nothing if none has.
     */
    void writeServiceFile(Collection<EndpointModel> endpoints) throws IOException {
        List<EndpointModel> listed = endpoints.stream().filter(EndpointModel::noArgConstructor).toList();
        if (listed.isEmpty()) {
            return;
        }
        TypeElement[] originating = listed.stream().map(EndpointModel::element).toArray(TypeElement[]::new);
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE, originating);
        try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            for (EndpointModel endpoint : listed) {
                writer.write(endpoint.registrationClass().reflectionName());
                writer.write('\n');
            }
        }
    }
}
