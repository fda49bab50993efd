package io.wsconnector.processor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/services/io.wsconnector.runtime.spi.WebSocketEndpoint}, listing every
 * generated registration class, so the runtime finds them with {@link java.util.ServiceLoader}.
 */
final class ServiceFileWriter {
    static final String SERVICE_FILE = "META-INF/services/" + EndpointGenerator.ENDPOINT_SPI.canonicalName();

    private final Filer filer;

    ServiceFileWriter(Filer filer) {
        this.filer = filer;
    }

    void write(Collection<EndpointModel> endpoints) throws IOException {
        TypeElement[] originating = endpoints.stream().map(EndpointModel::element).toArray(TypeElement[]::new);
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE, originating);
        try (Writer writer = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            for (EndpointModel endpoint : endpoints) {
                writer.write(endpoint.registrationClass().reflectionName());
                writer.write('\n');
            }
        }
    }
}
