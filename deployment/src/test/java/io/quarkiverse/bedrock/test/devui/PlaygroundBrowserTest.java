package io.quarkiverse.bedrock.test.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The playground in a real browser: Debian's chromium, driven through Debian's chromium-driver (installed by
 * {@code .ci/run}; no driver is downloaded), sends a prompt in dev mode against the emulator and sees the streamed answer
 * appear. Skipped when chromium-driver is absent, except on CI ({@code CI=true}), where its absence fails.
 */
class PlaygroundBrowserTest {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("bedrock.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("bedrock.chromium", "/usr/bin/chromium"));

    /** Finds an element by id inside the playground, through the Dev UI's nested shadow roots. */
    static final String FIND = """
            const deep = (root, selector) => {
                const found = root.querySelector(selector);
                if (found) return found;
                for (const node of root.querySelectorAll('*')) {
                    if (node.shadowRoot) {
                        const inner = deep(node.shadowRoot, selector);
                        if (inner) return inner;
                    }
                }
                return null;
            };
            const playground = deep(document, 'qwc-bedrock-playground');
            const el = playground && playground.shadowRoot && playground.shadowRoot.querySelector(arguments[0]);
            """;

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addAsResource(new StringAsset("quarkus.aws-bedrock.devservices.ignore-ambient-credentials=true\n"
                            + "quarkus.aws-bedrock.devservices.inter-token-delay=20ms\n"
                            + "quarkus.aws-bedrock.devservices.tokens=30\n"), "application.properties"));

    @Test
    void aPromptSentFromThePlaygroundStreamsItsAnswer() {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            String why = "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            String base = ConfigProvider.getConfig().getOptionalValue("test.url", String.class)
                    .orElse("http://localhost:8080");
            browser.get(base + "/q/dev-ui/quarkus-bedrock/playground");
            JavascriptExecutor js = browser;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(d -> (Boolean) js.executeScript(FIND + "return el !== null && el !== undefined;", "#send"));
            // the client list came from the clients() JSON-RPC method
            wait.until(d -> "<default>".equals(js.executeScript(FIND + "return el.value;", "#client")));

            js.executeScript(FIND + "el.value = arguments[1];", "#message", "Tell me a story about a lighthouse");
            // record every length the answer takes on the page, to see it grow while it streams
            js.executeScript(FIND + "window.answerLengths = [];"
                    + "new MutationObserver(() => window.answerLengths.push(el.textContent.length))"
                    + ".observe(el, {subtree: true, childList: true, characterData: true});", "#answer");
            js.executeScript(FIND + "el.click();", "#send");

            String stop = wait.until(d -> (String) js.executeScript(FIND + "return el ? el.textContent : null;",
                    ".fact-stop-reason"));
            String full = (String) js.executeScript(FIND + "return el.textContent;", "#answer");
            assertThat(stop).isEqualTo("end_turn");
            assertThat(full).isNotBlank();
            @SuppressWarnings("unchecked")
            java.util.List<Long> lengths = (java.util.List<Long>) js.executeScript("return window.answerLengths;");
            assertThat(lengths.stream().distinct().count()).as("the answer appeared piece by piece: %s", lengths)
                    .isGreaterThan(5);
            assertThat(lengths).isSorted().last().isEqualTo((long) full.length());
            Map<String, String> facts = Map.of(
                    "output", (String) js.executeScript(FIND + "return el.textContent;", ".fact-output-tokens"),
                    "first", (String) js.executeScript(FIND + "return el.textContent;", ".fact-time-to-first-chunk"),
                    "requestId", (String) js.executeScript(FIND + "return el.textContent;", ".fact-request-id"));
            assertThat(facts.get("output")).isEqualTo("30");
            assertThat(facts.get("first")).endsWith(" ms");
            assertThat(facts.get("requestId")).isNotBlank();
        } finally {
            browser.quit();
        }
    }
}
