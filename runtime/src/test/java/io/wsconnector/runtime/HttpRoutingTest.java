package io.wsconnector.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.wsconnector.runtime.spi.WebSocketDispatcher;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plain HTTP routes on the endpoints' port: a route given the server reaches the endpoints' sessions from
 * its handler, without a reference set after {@code build()}.
 */
@Timeout(60)
class HttpRoutingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebSocketServer server;

    @AfterEach
    void stopServer() {
        TestServers.stop(server);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    @Test
    void aRouteGivenTheServerReachesItsSessionsAndBroadcasts() throws Exception {
        server = TestServers.start(builder -> builder.httpRouting((http, running) -> http
                        .get("/count", (req, res) -> res.send(Integer.toString(running.sessions("/news").count())))
                        .get("/announce", (req, res) -> res.send(
                                Integer.toString(running.sessions("/news").broadcastText("hello from HTTP"))))),
                TestEndpoint.at("/news", () -> new WebSocketDispatcher() { }));

        assertEquals("0", get("/count"));
        try (JdkClient reader = JdkClient.connect(TestServers.uri(server, "/news"))) {
            Await.until("the session to be registered", Await.TIMEOUT, () -> server.sessions("/news").count() == 1);
            assertEquals("1", get("/count"));
            assertEquals("1", get("/announce"));
            assertEquals("hello from HTTP", reader.awaitText());
        }
    }

    @Test
    void aRouteWithoutTheServerIsServedToo() throws Exception {
        server = TestServers.start(
                builder -> builder.httpRouting(http -> http.get("/", (req, res) -> res.send("page"))),
                TestEndpoint.at("/news", () -> new WebSocketDispatcher() { }));

        assertEquals("page", get("/"));
    }
}
