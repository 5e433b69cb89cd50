package org.jvirt.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Firefox ESR driven over WebDriver BiDi, the W3C protocol Firefox serves itself
 * ({@code --remote-debugging-port}): Debian packages no geckodriver and nothing may be downloaded, so the few
 * commands the UI test needs (navigate, evaluate, real pointer and key input, screenshots) are sent as JSON over
 * the JDK's WebSocket client. Screenshots go to target/screenshots/.
 */
final class Firefox implements AutoCloseable {

    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");

    /** WebDriver's key codes for the keys the test presses. */
    static final String TAB = "\uE004";
    static final String ENTER = "\uE007";

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String context;

    Firefox() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(FIREFOX), "firefox-esr is not installed (scripts/setup-test-deps.sh)");
        profile = Files.createTempDirectory("jvirt-web-firefox");
        Files.writeString(profile.resolve("user.js"), String.join("\n",
                "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                "user_pref(\"app.update.disabledForTesting\", true);",
                "user_pref(\"network.proxy.type\", 0);",
                "user_pref(\"accessibility.tabfocus\", 7);", ""));
        process = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
                "--remote-debugging-port", "0", "--width", "1280", "--height", "960", "about:blank")
                .redirectErrorStream(true).start();
        String endpoint = endpoint();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(endpoint + "/session"), new Listener()).get(30, TimeUnit.SECONDS);
        command("session.new", JSON.createObjectNode().set("capabilities", JSON.createObjectNode()));
        context = command("browsingContext.getTree", JSON.createObjectNode()).path("contexts").get(0)
                .path("context").asText();
        ObjectNode viewport = JSON.createObjectNode().put("width", 1280).put("height", 960);
        command("browsingContext.setViewport", JSON.createObjectNode().put("context", context).set("viewport", viewport));
        Files.createDirectories(Browser.SHOTS);
    }

    /** Reads Firefox's output until it names its BiDi endpoint; the rest is drained so it never blocks. */
    private String endpoint() throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    } else if (!found.isDone()) {
                        synchronized (seen) {
                            seen.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                // Firefox has gone: close() is under way
            }
            found.completeExceptionally(new IOException("firefox-esr ended before serving BiDi: " + seen));
        });
        return found.get(60, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(text.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** Sends one command and waits for its result; a BiDi error fails the test with its message. */
    JsonNode command(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", params);
        socket.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (!"success".equals(reply.path("type").asText())) {
            throw new AssertionError(method + ": " + reply);
        }
        return reply.get("result");
    }

    void navigate(String url) throws Exception {
        command("browsingContext.navigate", JSON.createObjectNode().put("context", context).put("url", url)
                .put("wait", "complete"));
    }

    /** Evaluates a script in the page; its value as BiDi serialises it (type, value, sharedId for a node). */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode target = JSON.createObjectNode().put("context", context);
        JsonNode r = command("script.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).<ObjectNode>set("target", target));
        if (!"success".equals(r.path("type").asText())) {
            throw new AssertionError("script failed: " + expression + ": " + r.path("exceptionDetails"));
        }
        return r.get("result");
    }

    /** A string-valued expression's value (null when it yields null or undefined). */
    String string(String expression) throws Exception {
        JsonNode v = evaluate(expression);
        return v.has("value") ? v.get("value").asText() : null;
    }

    /** Waits until {@code test} holds for the expression's string value. */
    String waitFor(String expression, Predicate<String> test, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String v = null;
        while (System.nanoTime() < deadline) {
            v = string(expression);
            if (v != null && test.test(v)) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + expression + " (last value " + v + ")");
    }

    /** A real mouse click (pointer down and up) in the middle of the element the selector finds. */
    void click(String selector) throws Exception {
        JsonNode node = evaluate("document.querySelector(" + JSON.writeValueAsString(selector) + ")");
        if (!node.has("sharedId")) {
            throw new AssertionError("no element " + selector);
        }
        ObjectNode origin = JSON.createObjectNode().put("type", "element");
        origin.set("element", JSON.createObjectNode().put("sharedId", node.get("sharedId").asText()));
        ArrayNode acts = JSON.createArrayNode();
        acts.addObject().put("type", "pointerMove").put("x", 0).put("y", 0).set("origin", origin);
        acts.addObject().put("type", "pointerDown").put("button", 0);
        acts.addObject().put("type", "pointerUp").put("button", 0);
        perform(JSON.createObjectNode().put("type", "pointer").put("id", "mouse").set("actions", acts));
    }

    /** Key presses, as a keyboard sends them to the focused element: text, or WebDriver key codes. */
    void keys(String keys) throws Exception {
        ArrayNode acts = JSON.createArrayNode();
        keys.codePoints().forEach(c -> {
            String k = new String(Character.toChars(c));
            acts.addObject().put("type", "keyDown").put("value", k);
            acts.addObject().put("type", "keyUp").put("value", k);
        });
        perform(JSON.createObjectNode().put("type", "key").put("id", "keyboard").set("actions", acts));
    }

    private void perform(ObjectNode source) throws Exception {
        ArrayNode sources = JSON.createArrayNode().add(source);
        command("input.performActions", JSON.createObjectNode().put("context", context).set("actions", sources));
    }

    Path screenshot(String name) throws Exception {
        JsonNode r = command("browsingContext.captureScreenshot", JSON.createObjectNode().put("context", context));
        Path to = Browser.SHOTS.resolve(name + ".png");
        Files.write(to, Base64.getDecoder().decode(r.get("data").asText()));
        return to;
    }

    @Override
    public void close() throws Exception {
        try {
            command("session.end", JSON.createObjectNode());
        } catch (Exception | AssertionError e) {
            // Firefox is stopped below either way
        }
        socket.abort();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var s = Files.walk(profile)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
