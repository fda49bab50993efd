package io.wsconnector.tests;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.wsconnector.runtime.TestServers;
import io.wsconnector.runtime.WebSocketServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real browser negotiates permessage-deflate (RFC 7692) with the server's defaults, as every browser
 * offers it: Debian's headless Chromium, driven by its chromedriver, sends compressed JSON and reads the
 * compressed echoes. Skipped when either is missing, except under {@code CI=true}, where it fails.
 */
@Timeout(90)
class PermessageDeflateBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Sends 20 JSON messages of ~8 KiB, checks their echoes, and shows what was negotiated. */
    private static final String PAGE = """
            <!doctype html><meta charset="utf-8"><title>deflate</title><p id="result">waiting</p>
            <script>
            const ws = new WebSocket('ws://' + location.host + '/test/echo');
            const json = JSON.stringify(Array.from({length: 150}, (_, i) => ({id: i, name: 'item ' + i, ok: i % 2 == 0})));
            let echoes = 0, same = true;
            ws.onopen = () => { for (let i = 0; i < 20; i++) ws.send(json + i); };
            ws.onmessage = e => {
              same = same && e.data === json + echoes;
              if (++echoes === 20) document.getElementById('result').textContent = ws.extensions + ' | ' + same;
            };
            ws.onclose = e => { document.getElementById('result').textContent = 'closed ' + e.code; };
            </script>
            """;

    @Test
    void chromiumNegotiatesDeflateAndItsCompressedMessagesComeBackIntact() throws Exception {
        assumeBrowserInstalled();
        WebSocketServer server = TestServers.start(builder -> builder.httpRouting(http -> http.get("/deflate",
                (request, response) -> response.header("Content-Type", "text/html; charset=utf-8").send(PAGE))),
                new EchoEndpoint_WebSocketEndpoint());
        Path profile = Files.createTempDirectory("wsconnector-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://127.0.0.1:" + server.port() + "/deflate");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String result = browser.findElement(By.id("result")).getText();
            while (result.equals("waiting") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                result = browser.findElement(By.id("result")).getText();
            }
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover | true", result);
        } finally {
            browser.quit();
            server.stop();
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void assumeBrowserInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "No Chromium or chromedriver (apt-get install -y chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; under CI=true the browser test must run");
        }
        Assumptions.abort(message);
    }
}
