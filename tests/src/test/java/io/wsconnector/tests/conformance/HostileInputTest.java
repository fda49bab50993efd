package io.wsconnector.tests.conformance;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testing.WebSocketServerExtension;
import io.wsconnector.tests.Conformance;
import io.wsconnector.tests.EchoEndpoint;
import io.wsconnector.tests.EchoEndpoint_WebSocketEndpoint;
import io.wsconnector.tests.Recorder;
import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.Frames;
import io.wsconnector.testsupport.JdkClient;
import io.wsconnector.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsconnector.tests.Conformance.ECHO;
import static io.wsconnector.tests.Conformance.MIB;
import static io.wsconnector.tests.Conformance.assertFailedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input: oversized and slow handshakes, wrong paths, plain HTTP, huge announced frames, Origin
 * checks, TLS, and error details that must not reach a client.
 */
@Timeout(60)
class HostileInputTest {
    private static final String SECRET_PATTERN_EXCEPTION = "Exception";

    private static volatile Recorder recorder = new Recorder();

    @RegisterExtension
    static final WebSocketServerExtension SERVER = WebSocketServerExtension.serving(
                    new EchoEndpoint_WebSocketEndpoint(() -> new EchoEndpoint(recorder)))
            .configure(builder -> builder.closeTimeout(Conformance.LONG_CLOSE_TIMEOUT));

    @BeforeEach
    void newRecorder() {
        recorder = new Recorder();
    }

    private static void assertOthersStillServed(int port) throws Exception {
        try (RawWebSocketClient other = RawWebSocketClient.connect(port, ECHO)) {
            other.sendText("still served");
            assertEquals("still served", other.readText());
        }
    }

    private static String hostHeader(int port) {
        return "Host: 127.0.0.1:" + port;
    }

    /** Writes a request from another thread (the server may answer and close before reading it all) and reads the answer. */
    /**
     * @param mayCloseSilently Helidon 4.5 answers a request target of 5–8 KiB with 414 but closes the
     *                         connection without a response from about 20 KiB up; then {@code null}
     */
    private static RawWebSocketClient.HttpResponse sendLargeRequest(RawWebSocketClient client, byte[] request,
                                                                    boolean mayCloseSilently) throws Exception {
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                client.writeRaw(request);
            } catch (IOException e) {
                // the server stopped reading: expected
            }
        }, command -> Thread.ofVirtual().start(command));
        try {
            return client.readResponse();
        } catch (EOFException e) {
            if (mayCloseSilently) {
                return null;
            }
            throw new AssertionError("the server closed the connection without an HTTP response");
        } finally {
            client.close();
            written.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one 64 KiB header", "64 KiB request target", "4,000 header lines"})
    void oversizedHandshakeIsRejectedWith4xxAndOthersAreStillServed(String shape) throws Exception {
        int port = SERVER.server().port();
        String key = RawWebSocketClient.newKey();
        String request = switch (shape) {
            case "one 64 KiB header" -> RawWebSocketClient.handshakeRequest(port, ECHO, key, "X-Big: " + "a".repeat(64 * 1024));
            case "64 KiB request target" -> RawWebSocketClient.handshakeRequest(port, ECHO + "?q=" + "b".repeat(64 * 1024), key);
            default -> {
                String[] lines = new String[4000];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = "X-Header-" + i + ": value-" + i;
                }
                yield RawWebSocketClient.handshakeRequest(port, ECHO, key, lines);
            }
        };
        RawWebSocketClient.HttpResponse response = sendLargeRequest(RawWebSocketClient.open(port),
                request.getBytes(StandardCharsets.ISO_8859_1), shape.equals("64 KiB request target"));

        if (response != null) {
            assertTrue(response.status() >= 400 && response.status() < 500, response::statusLine);
        }
        assertOthersStillServed(port);
    }

    @Test
    void aClientSendingItsHandshakeOneByteEvery200MsDoesNotBlockOthers() throws Exception {
        int port = SERVER.server().port();
        byte[] request = RawWebSocketClient.handshakeRequest(port, ECHO, RawWebSocketClient.newKey())
                .getBytes(StandardCharsets.ISO_8859_1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> firstBytes = new CompletableFuture<>();
        try (RawWebSocketClient slow = RawWebSocketClient.open(port)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : request) {
                        if (stop.get()) {
                            return;
                        }
                        slow.writeRaw(new byte[] {b});
                        if (written.incrementAndGet() == 3) {
                            firstBytes.complete(null);
                        }
                        Thread.sleep(200); // the behaviour under test, not a wait for a result
                    }
                } catch (IOException | InterruptedException e) {
                    firstBytes.complete(null);
                }
            });
            try {
                firstBytes.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                // several other clients connect and are answered while the slow handshake is still arriving
                for (int i = 0; i < 5; i++) {
                    assertOthersStillServed(port);
                }
                assertTrue(written.get() < request.length, () -> "the slow client finished first: " + written.get());
            } finally {
                stop.set(true);
                writer.interrupt();
                writer.join(5_000);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /no/such/endpoint|websocket", "GET /test/echo/deeper|websocket",
            "GET /test/ech|WebSocket", "GET /TEST/ECHO|websocket", "GET /|WEBSOCKET"})
    void anUpgradeOnAPathWithoutAnEndpointGets404(String requestAndUpgrade) throws Exception {
        String[] parts = requestAndUpgrade.split("\\|");
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(parts[0] + " HTTP/1.1\r\n"
                    + hostHeader(SERVER.server().port()) + "\r\n"
                    + "Upgrade: " + parts[1] + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + RawWebSocketClient.newKey() + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");

            assertEquals(404, response.status(), response::statusLine);
        }
    }

    @Test
    void anUpgradeWithAQueryStringIsServedByTheEndpointOfItsPath() throws Exception {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request(
                    RawWebSocketClient.handshakeRequest(SERVER.server().port(), ECHO + "?token=abc&x=%20", key));

            assertEquals(101, response.status(), response::statusLine);
            client.sendText("with query");
            assertEquals("with query", client.readText());
        }
    }

    @Test
    void aPlainGetOnAnEndpointPathGets426OrTheHttpRoute() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(SERVER.server().port())) {
            RawWebSocketClient.HttpResponse response = client.request("GET " + ECHO + " HTTP/1.1\r\n"
                    + hostHeader(SERVER.server().port()) + "\r\n\r\n");
            String body = client.readBody(response);

            System.out.println("Plain GET on an endpoint path: " + response.statusLine() + " " + response.headers());
            assertTrue(response.status() == 426 || response.status() == 404, response::statusLine);
            if (response.status() == 426) {
                assertEquals("13", response.headers().get("sec-websocket-version"), () -> "headers: " + response.headers());
            }
            assertFalse(body.contains(SECRET_PATTERN_EXCEPTION), body);
        }
    }

    @Test
    void aFrameHeaderAnnouncingAMaximalMessageDoesNotReserveItsSizeBeforeThePayloadArrives() throws Exception {
        int connections = 256;
        long boundBytes = 64L * MIB; // announced: 256 MiB; received: 256 bytes
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<RawWebSocketClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(SERVER.clients().raw(ECHO));
            }
            long before = usedHeapAfterGc(memory);
            for (RawWebSocketClient client : clients) {
                // a maximal text message (the default 1 MiB limit) announced, 1 byte of it sent
                client.writeRaw(Conformance.concat(
                        Frames.header(0x81, true, WebSocketServer.DEFAULT_MAX_MESSAGE_SIZE),
                        Conformance.bytes(1, 2, 3, 4), new byte[] {'x' ^ 1}));
            }
            // the headers are read within milliseconds; watch the heap for a while
            AtomicLong grown = new AtomicLong();
            boolean bounded = Await.holdsFor(Duration.ofSeconds(2), () -> {
                grown.set(usedHeapAfterGc(memory) - before);
                return grown.get() <= boundBytes;
            });
            assertTrue(bounded, () -> "the heap grew by " + grown.get() / MIB + " MiB for " + connections
                    + " connections that announced 1 MiB each and sent 1 byte: the server reserves a message's "
                    + "announced size before its payload arrives");
            assertOthersStillServed(SERVER.server().port());
        } finally {
            for (RawWebSocketClient client : clients) {
                client.close();
            }
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static RawWebSocketClient.HttpResponse handshakeWithOrigin(int port, String origin) throws IOException {
        String key = RawWebSocketClient.newKey();
        try (RawWebSocketClient client = RawWebSocketClient.open(port)) {
            RawWebSocketClient.HttpResponse response = client.request(origin == null
                    ? RawWebSocketClient.handshakeRequest(port, ECHO, key)
                    : RawWebSocketClient.handshakeRequest(port, ECHO, key, "Origin: " + origin));
            if (response.status() == 101) {
                client.sendText("origin ok");
                assertEquals("origin ok", client.readText());
            }
            return response;
        }
    }

    @Test
    void anOriginAllowListAcceptsItsOriginsAndRejectsOthersWith403() throws Exception {
        WebSocketServer guarded = TestServers.start(builder -> builder.allowedOrigins("https://good.example"),
                new EchoEndpoint_WebSocketEndpoint());
        try {
            int port = guarded.port();
            assertEquals(101, handshakeWithOrigin(port, "https://good.example").status());
            assertEquals(101, handshakeWithOrigin(port, null).status(), "a client that is not a browser sends no Origin");
            for (String origin : List.of("https://evil.example", "https://good.example.evil.example",
                    "http://good.example", "https://good.example:8443", "null", "https://127.0.0.1:" + port)) {
                assertEquals(403, handshakeWithOrigin(port, origin).status(), "Origin: " + origin);
            }
            assertOthersStillServed(port);
        } finally {
            guarded.stop();
        }
    }

    @Test
    void withoutAnAllowListAnOriginMatchingHostIsAcceptedAndAnotherRejectedWith403() throws Exception {
        int port = SERVER.server().port();
        assertEquals(101, handshakeWithOrigin(port, "http://127.0.0.1:" + port).status());
        assertEquals(101, handshakeWithOrigin(port, null).status());
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:" + (port == 1 ? 2 : port - 1),
                "http://evil.example:" + port, "null")) {
            assertEquals(403, handshakeWithOrigin(port, origin).status(), "Origin: " + origin);
        }
    }

    @Test
    void exceptionTextNeverReachesAClient() throws Exception {
        int port = SERVER.server().port();
        List<String> requests = List.of(
                RawWebSocketClient.handshakeRequest(port, ECHO, "bad key"),
                RawWebSocketClient.handshakeRequest(port, ECHO, RawWebSocketClient.newKey()).replace("Version: 13", "Version: 99"),
                RawWebSocketClient.handshakeRequest(port, ECHO, RawWebSocketClient.newKey()).replace("GET", "POST"),
                RawWebSocketClient.handshakeRequest(port, ECHO, RawWebSocketClient.newKey(), "Origin: http://evil.example"),
                RawWebSocketClient.handshakeRequest(port, ECHO, RawWebSocketClient.newKey(), "Bad Header Line"),
                RawWebSocketClient.handshakeRequest(port, "/%zz", RawWebSocketClient.newKey()),
                "GET " + ECHO + " HTTP/9.9\r\n\r\n",
                "\u0000\u0001garbage\r\n\r\n");
        for (String request : requests) {
            try (RawWebSocketClient client = RawWebSocketClient.open(port)) {
                client.writeRaw(request.getBytes(StandardCharsets.ISO_8859_1));
                String answer = readEverything(client);
                assertFalse(answer.contains(SECRET_PATTERN_EXCEPTION) || answer.contains("\tat ")
                                || answer.contains("io.helidon.") || answer.contains("io.wsconnector."),
                        () -> "request " + request.lines().findFirst().orElse("") + " answered with: " + answer);
            }
        }
        // a handler that throws: 1011 without the exception's text
        try (RawWebSocketClient client = RawWebSocketClient.connect(port, ECHO)) {
            client.sendText(EchoEndpoint.BOOM);
            RawWebSocketClient.Frame close = assertFailedWithAnyCloseAfterAnswer(client);
            assertEquals(1011, close.closeCode(), close::toString);
            assertFalse(close.closeReason().contains(EchoEndpoint.SECRET), close::closeReason);
        }
        // a protocol violation: the reason names the rule, not an exception
        try (RawWebSocketClient client = RawWebSocketClient.connect(port, ECHO)) {
            client.sendFrame(0x80 | 0x7, true, new byte[0]);
            assertFailedWith(client, 1002);
        }
    }

    private static RawWebSocketClient.Frame assertFailedWithAnyCloseAfterAnswer(RawWebSocketClient client) throws IOException {
        RawWebSocketClient.Frame close = client.readClose();
        Conformance.assertValidCloseReason(close);
        return close;
    }

    private static String readEverything(RawWebSocketClient client) throws IOException {
        client.readTimeout(2_000);
        InputStream in = client.socket().getInputStream();
        StringBuilder all = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (all.indexOf("\r\n\r\n") >= 0 && responseComplete(all)) {
                    break;
                }
            }
        } catch (IOException e) {
            // timed out or reset: what arrived is the answer
        }
        return all.toString();
    }

    private static boolean responseComplete(StringBuilder response) {
        int end = response.indexOf("\r\n\r\n");
        String head = response.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(head.substring(at + 15).lines().findFirst().orElse("0").trim());
        return response.length() >= end + 4 + length;
    }

    @Test
    void wssThroughHelidonTlsWithACertificateMadeInTheTest(@TempDir Path dir) throws Exception {
        char[] password = "changeit".toCharArray();
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(password), "-keypass", new String(password))
                .redirectErrorStream(true)
                .start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, keytool.exitValue(), keytoolOutput);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        PrivateKey key = (PrivateKey) store.getKey("server", password);
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");

        WebSocketServer secure = TestServers.start(builder -> builder.webServer(web -> web.tls(tls -> tls
                        .privateKey(key)
                        .privateKeyCertChain(List.of(certificate)))),
                new EchoEndpoint_WebSocketEndpoint());
        try {
            assertEquals("wss", secure.endpointUris().getFirst().getScheme());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            try (HttpClient https = HttpClient.newBuilder().sslContext(context).build()) {
                JdkClient client = JdkClient.connect(https, URI.create("wss://127.0.0.1:" + secure.port() + ECHO));
                assertEquals("over TLS", client.send("over TLS").awaitText());
                String big = "é".repeat(100_000);
                assertEquals(big, client.send(big).awaitText());
                client.close(1000, "");
                assertEquals(1000, client.awaitClose().statusCode());
            }
            // the same port refuses plain ws://
            try (RawWebSocketClient plain = RawWebSocketClient.open(secure.port())) {
                plain.readTimeout(3_000);
                try {
                    RawWebSocketClient.HttpResponse response = plain.request(
                            RawWebSocketClient.handshakeRequest(secure.port(), ECHO, RawWebSocketClient.newKey()));
                    fail("a plain handshake on the TLS port was answered: " + response.statusLine());
                } catch (IOException expected) {
                    // not TLS: no HTTP answer
                }
            }
        } finally {
            secure.stop();
        }
    }
}
