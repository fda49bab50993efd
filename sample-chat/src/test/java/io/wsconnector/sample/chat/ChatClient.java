package io.wsconnector.sample.chat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.avaje.jsonb.Jsonb;

import io.wsconnector.testsupport.Await;
import io.wsconnector.testsupport.JdkClient;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A chat member, in the chat's words (join a room, say, expect to hear), on test-support's {@link JdkClient}:
 * every wait lasts at most {@link io.wsconnector.testsupport.Await#TIMEOUT}.
 */
final class ChatClient implements AutoCloseable {
    private final JdkClient client;

    private ChatClient(JdkClient client) {
        this.client = client;
    }

    /** Connects to a room and waits until the client has joined it (its own announcement arrived). */
    static ChatClient join(int port, String room, String nick) throws Exception {
        ChatClient member = connect(uri(port, room, "token=secret&nick=" + nick));
        member.expect("* " + nick + " joined " + room);
        return member;
    }

    static ChatClient connect(URI uri) throws Exception {
        return connect(uri, Map.of());
    }

    /** Connects with these request headers, e.g. the {@code Origin} a browser sends. */
    static ChatClient connect(URI uri, Map<String, String> headers) throws Exception {
        return new ChatClient(JdkClient.connect(uri, handshake -> headers.forEach(handshake::header)));
    }

    /** Connects with this query and returns the HTTP status of the refused handshake. */
    static int refusedStatus(int port, String room, String query) throws Exception {
        return refusedStatus(uri(port, room, query), Map.of());
    }

    /** Connects with these headers and returns the HTTP status of the refused handshake. */
    static int refusedStatus(URI uri, Map<String, String> headers) throws Exception {
        return JdkClient.refusedStatus(uri, handshake -> headers.forEach(handshake::header));
    }

    static URI uri(int port, String room, String query) {
        return URI.create("ws://localhost:" + port + "/chat/" + room + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * Types a line as the chat page does: {@code /who}, {@code /rooms} and {@code /avatar NICK} become
     * their JSON messages, another {@code /word} a message of type {@code word}, any other line
     * {@code {"type":"say","text":...}}.
     */
    void say(String text) throws Exception {
        String[] words = text.strip().split("\\s+");
        Map<String, String> message = switch (words[0]) {
            case "/who" -> Map.of("type", "who");
            case "/rooms" -> Map.of("type", "rooms");
            case "/avatar" -> Map.of("type", "avatar", "nick", words.length > 1 ? words[1] : "");
            default -> text.startsWith("/") ? Map.of("type", words[0].substring(1)) : Map.of("type", "say", "text", text);
        };
        client.send(Jsonb.instance().toJson(message));
    }

    /** Sends a text message as it is, JSON or not. */
    void sendRaw(String text) throws Exception {
        client.send(text);
    }

    void send(byte[] data) throws Exception {
        client.sendBinary(data);
    }

    /** The next text message. */
    String next() throws InterruptedException {
        return client.awaitText();
    }

    void expect(String text) throws InterruptedException {
        assertEquals(text, next());
    }

    byte[] nextBinary() throws InterruptedException {
        return client.awaitBinary();
    }

    /** What was heard and not read yet. */
    List<Object> unread() {
        return client.pending();
    }

    /** The close the server sent. */
    JdkClient.Close awaitClose() throws Exception {
        return client.awaitClose();
    }

    boolean isOpen() {
        return client.isOpen();
    }

    /** Closes with 1000 and waits for the server's answer. */
    @Override
    public void close() throws Exception {
        client.close();
    }
}
