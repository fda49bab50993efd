package io.wsconnector.sample.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.wsconnector.cluster.redis.RedisProcess;
import io.wsconnector.runtime.WebSocketServer;

/**
 * Two chat servers started with {@code --redis} on one real Redis are one chat: a room's messages, {@code /who}
 * and {@code POST /announce} span both.
 */
class TwoNodeChatTest {

    @Test
    void twoServersSharingARedisAreOneChat() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             WebSocketServer one = ChatServer.start(0, "secret", ChatServer.DEFAULT_IDLE_TIMEOUT, redis.uri());
             WebSocketServer two = ChatServer.start(0, "secret", ChatServer.DEFAULT_IDLE_TIMEOUT, redis.uri());
             ChatClient ada = ChatClient.join(one.port(), "lobby", "ada")) {
            awaitSubscribed(redis);
            try (ChatClient bob = ChatClient.join(two.port(), "lobby", "bob")) {
                ada.expect("* bob joined lobby"); // from the other server
                ada.say("hello from one");
                ada.expect("ada: hello from one");
                bob.expect("ada: hello from one");
                awaitWho(bob, "* in lobby (2): ada, bob");

                HttpResponse<String> announced = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + one.port() + "/announce?token=secret"))
                                .POST(HttpRequest.BodyPublishers.ofString("tea is ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, announced.statusCode());
                ada.expect("* announcement: tea is ready");
                bob.expect("* announcement: tea is ready");
            }
            ada.expect("* bob left lobby");
        }
    }

    /** Waits until the first server listens to the lobby: the second one's messages would be lost before. */
    private static void awaitSubscribed(RedisProcess redis) throws InterruptedException {
        String lobby = "wsc:r:/chat/%7Broom%7D:lobby";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (var jedis = redis.client()) {
                if (jedis.pubsubNumSub(lobby).get(lobby) == 1) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first server did not subscribe to the lobby within 15 s");
            }
            Thread.sleep(10);
        }
    }

    /** Presence is written a moment after a join: asks again until the answer is the expected one. */
    private static void awaitWho(ChatClient client, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String answer;
        do {
            client.say("/who");
            answer = client.next();
        } while (!answer.equals(expected) && System.nanoTime() < deadline);
        assertEquals(expected, answer);
    }
}
