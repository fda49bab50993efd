package io.wsconnector.sample.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wsconnector.runtime.WebSocketSessions;

/**
 * The plain HTTP side of the chat, on the WebSocket port ({@code WebSocketServer.Builder.httpRouting}):
 *
 * <ul>
 * <li>{@code GET /}: the chat page, {@value #PAGE_RESOURCE} from the class path. It connects to
 *     {@code /chat/{room}} on its own origin, so the server's default origin check lets it in. With
 *     the default token, {@value ChatServer#DEFAULT_TOKEN}, the page comes with the token filled in;
 *     with any other, the page asks for it: a real token is never handed to whoever can load the page.</li>
 * <li>{@code GET /favicon.ico}: the tab's icon, which browsers ask for by themselves (a 404 would be an
 *     error in the page's console).</li>
 * <li>{@code POST /announce?token=T} with a text body: sends {@code * announcement: text} to every
 *     member of every room, from outside any WebSocket handler ({@code WebSocketServer.sessions}). Only
 *     from this server's own pages or from tools that send no {@code Origin} (curl, scripts): a page of
 *     another site gets 403 ({@link #isSameSiteOrTool}).</li>
 * </ul>
 */
final class ChatHttp {
    /** The page, a class-path resource. */
    static final String PAGE_RESOURCE = "/chat.html";
    /** The largest announcement accepted, in bytes. */
    static final int MAX_ANNOUNCEMENT_BYTES = 1000;

    /** The tab's icon: a speech bubble, as SVG (which browsers take whatever the name). */
    private static final byte[] ICON = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 2h12v9H7l-4 3v-3H2z" fill="#446"/></svg>
            """.getBytes(StandardCharsets.UTF_8);

    /** Where the page takes the token from; empty unless the server fills it in. */
    private static final String TOKEN_PLACEHOLDER = "<meta name=\"chat-token\" content=\"\">";

    private final byte[] token;
    private final byte[] page;
    private final Supplier<WebSocketSessions> chat;

    /**
     * @param token the token clients must give
     * @param chat  the sessions of {@link ChatRoom}, asked for when an announcement arrives
     */
    ChatHttp(String token, Supplier<WebSocketSessions> chat) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.chat = Objects.requireNonNull(chat, "chat");
        String html = readPage();
        if (!html.contains(TOKEN_PLACEHOLDER)) {
            throw new IllegalStateException(PAGE_RESOURCE + " lacks " + TOKEN_PLACEHOLDER);
        }
        if (token.equals(ChatServer.DEFAULT_TOKEN)) {
            html = html.replace(TOKEN_PLACEHOLDER,
                    "<meta name=\"chat-token\" content=\"" + escapeAttribute(token) + "\">");
        }
        this.page = html.getBytes(StandardCharsets.UTF_8);
    }

    /** Adds the routes; called while the server is built. */
    void routes(HttpRouting.Builder http) {
        http.get("/", this::page)
                .get("/favicon.ico", ChatHttp::icon)
                .post("/announce", this::announce);
    }

    private void page(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .send(page);
    }

    private static void icon(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "image/svg+xml")
                .header(HeaderNames.CACHE_CONTROL, "max-age=86400")
                .send(ICON);
    }

    private void announce(ServerRequest request, ServerResponse response) throws IOException {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (!isSameSiteOrTool(origin, request.headers().first(HeaderNames.HOST))) {
            plain(response, Status.FORBIDDEN_403, "Announcements are only taken from this server's pages and from "
                    + "clients that send no Origin, not from " + origin.orElseThrow());
            return;
        }
        Optional<String> given = request.query().first("token").asOptional();
        if (given.isEmpty() || !MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8), token)) {
            plain(response, Status.UNAUTHORIZED_401, "A valid token is required: add ?token=... to the URL");
            return;
        }
        byte[] body;
        try (InputStream content = request.content().inputStream()) {
            body = content.readNBytes(MAX_ANNOUNCEMENT_BYTES + 1);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || body.length > MAX_ANNOUNCEMENT_BYTES) {
            plain(response, Status.BAD_REQUEST_400,
                    "An announcement is a text body of 1 to " + MAX_ANNOUNCEMENT_BYTES + " bytes");
            return;
        }
        WebSocketSessions sessions = chat.get();
        int rooms = sessions.rooms().size();
        int sent = sessions.broadcastText("* announcement: " + text); // queued for each; never waits for one
        plain(response, Status.OK_200, "Sent to " + sent + " sessions in " + rooms + " rooms");
    }

    /**
     * Whether a request comes from a tool (no {@code Origin}: curl, scripts, the JDK's client) or from a page
     * of this server (the origin's host and port are the {@code Host} header's, as the WebSocket handshake's
     * default check wants). Browsers send {@code Origin} with every cross-site POST, a plain HTML form too,
     * which needs no CORS preflight: without this check any site its user visits could make the browser
     * announce, with the dev token everybody knows.
     */
    static boolean isSameSiteOrTool(Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty()) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI page = new URI(origin.get()); // "null" (a file, a sandboxed frame) has no host: refused
            URI server = new URI("//" + host.get().strip());
            if (page.getHost() == null || server.getHost() == null || page.getScheme() == null) {
                return false;
            }
            int defaultPort = page.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            return page.getHost().equalsIgnoreCase(server.getHost())
                    && (page.getPort() == -1 ? defaultPort : page.getPort())
                    == (server.getPort() == -1 ? defaultPort : server.getPort());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void plain(ServerResponse response, Status status, String message) {
        response.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .send((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String readPage() {
        try (InputStream in = ChatHttp.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
