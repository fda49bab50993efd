package io.wsconnector.sample.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The echo server's page, {@code GET /} on the WebSocket port ({@code WebSocketServer.Builder.httpRouting}):
 * {@value #PAGE_RESOURCE} from the class path, a text box whose messages the endpoint sends back. It
 * connects on its own origin, which the server's default origin check accepts.
 */
final class EchoPage {
    /** The page, a class-path resource. */
    static final String PAGE_RESOURCE = "/echo.html";

    private final byte[] page;

    EchoPage() {
        try (InputStream in = EchoPage.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE_RESOURCE + " is not on the class path");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the route; called while the server is built. */
    void routes(HttpRouting.Builder http) {
        http.get("/", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8")
                .header("X-Content-Type-Options", "nosniff")
                .send(page);
    }
}
