package io.wsconnector.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.wsconnector.cluster.redis.RedisProcess;
import io.wsconnector.runtime.WebSocketServer;
import io.wsconnector.testsupport.Await;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Await.until("the first server on the lobby's channel", Await.TIMEOUT, () -> {
            try (var jedis = redis.client()) {
                return jedis.pubsubNumSub(lobby).get(lobby) == 1;
            }
        });
    }

    /** Presence is written a moment after a join: asks again until the answer is the expected one. */
    private static void awaitWho(ChatClient client, String expected) throws Exception {
        String[] answer = {null};
        Await.until(() -> "/who to answer " + expected + "; last: " + answer[0], Await.TIMEOUT, () -> {
            try {
                client.say("/who");
                answer[0] = client.next();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return expected.equals(answer[0]);
        });
    }
}
