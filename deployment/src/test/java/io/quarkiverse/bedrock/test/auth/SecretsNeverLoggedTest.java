package io.quarkiverse.bedrock.test.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Full requests through the injected client against a loopback server, with TRACE logging for the extension, RESTEasy,
 * Vert.x and the AWS SDK, every log record captured by a handler on the root logger: no secret key, session token or
 * API key may appear in any record (message, parameters or stack trace), nor in the errors the caller gets.
 */
class SecretsNeverLoggedTest {

    static final String CONFIG_SECRET = "cfgSECRETkey0000wJalrXUtnFEMIK7MDENG";
    static final String CONFIG_TOKEN = "cfgTOKENsession0000FwoGZXIvYXdzEPT";
    static final String OPTION_SECRET = "optSECRETkey1111bPxRfiCYEXAMPLEKEY";
    static final String OPTION_TOKEN = "optTOKENsession1111IQoJb3JpZ2luX2Vj";
    static final String OPTION_API_KEY = "optAPIKEY2222ABSKQmVkcm9ja0FQSUtleQ";
    static final List<String> SECRETS = List.of(CONFIG_SECRET, CONFIG_TOKEN, OPTION_SECRET, OPTION_TOKEN, OPTION_API_KEY);

    static final String CANNED = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello from loopback"}]}},
             "stopReason":"end_turn","usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":5}}""";
    /** The same answer in the Anthropic Messages shape, for requests routed to Claude's native {@code /invoke}. */
    static final String CANNED_ANTHROPIC = """
            {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Hello from loopback"}],
             "stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":4}}""";

    /**
     * The loopback server, started once: QuarkusUnitTest loads this class a second time in the application's class
     * loader, so the server's state is read over HTTP ({@code GET /_seen}) rather than through static fields.
     */
    static final int PORT = startOnce();

    static int startOnce() {
        String running = System.getProperty("secrets-never-logged.port");
        if (running != null) {
            return Integer.parseInt(running);
        }
        AtomicInteger hits = new AtomicInteger();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        try {
            HttpServer server = Vertx.vertx().createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                if (req.path().equals("/_seen")) {
                    req.response().end(hits.get() + "\n" + String.join("\n", authorizations));
                    return;
                }
                hits.incrementAndGet();
                authorizations.add(String.valueOf(req.getHeader("Authorization")));
                if (req.path().contains("deny.")) {
                    req.response().setStatusCode(403).putHeader("x-amzn-ErrorType", "UnrecognizedClientException")
                            .putHeader("Content-Type", "application/json")
                            .end("{\"message\":\"The security token included in the request is invalid.\"}");
                } else {
                    req.response().putHeader("Content-Type", "application/json").putHeader("x-amzn-RequestId", "req-1")
                            .end(req.path().endsWith("/invoke") ? CANNED_ANTHROPIC : CANNED);
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            System.setProperty("secrets-never-logged.port", Integer.toString(server.actualPort()));
            return server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what the server saw: the number of Bedrock requests, then each Authorization header */
    static List<String> seen() {
        try {
            String body = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + PORT + "/_seen")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return List.of(body.split("\n"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int hits() {
        return Integer.parseInt(seen().get(0));
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .overrideConfigKey("quarkus.aws-bedrock.endpoint-override", "http://127.0.0.1:" + PORT)
            .overrideConfigKey("quarkus.aws-bedrock.region", "us-east-1")
            .overrideConfigKey("quarkus.aws-bedrock.credentials.access-key-id", "ASIACONFIGEXAMPLE")
            .overrideConfigKey("quarkus.aws-bedrock.credentials.secret-access-key", CONFIG_SECRET)
            .overrideConfigKey("quarkus.aws-bedrock.credentials.session-token", CONFIG_TOKEN)
            .overrideConfigKey("quarkus.log.min-level", "TRACE")
            .overrideConfigKey("quarkus.log.category.\"io.quarkiverse.bedrock\".level", "TRACE")
            .overrideConfigKey("quarkus.log.category.\"org.jboss.resteasy\".level", "TRACE")
            .overrideConfigKey("quarkus.log.category.\"io.quarkus.rest.client\".level", "TRACE")
            .overrideConfigKey("quarkus.log.category.\"io.vertx\".level", "TRACE")
            .overrideConfigKey("quarkus.log.category.\"software.amazon\".level", "TRACE")
            .overrideConfigKey("quarkus.log.console.level", "INFO");

    @Inject
    @Bedrock
    BedrockClient client;

    private final List<String> captured = new CopyOnWriteArrayList<>();
    private final List<Level> levels = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            levels.add(record.getLevel());
            captured.add(render(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureEverything() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static String render(LogRecord record) {
        StringBuilder out = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage());
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
            out.append(' ').append(ext.getFormattedMessage());
        }
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                out.append(' ').append(p);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.append(' ').append(trace);
        }
        return out.toString();
    }

    private static ChatRequest.Builder hello(String model) {
        return ChatRequest.builder().model("bedrock:" + model).user("Hello");
    }

    @Test
    void noSecretInAnyLogRecordOrError() {
        List<String> errors = new java.util.ArrayList<>();

        // configured keys with a session token
        assertThat(client.chat(hello("anthropic.claude-3-haiku-20240307-v1:0").build()).await()
                .atMost(Duration.ofSeconds(30)).text()).isEqualTo("Hello from loopback");
        // per-request keys with a session token, on an ARN
        assertThat(client.chat(hello("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-v1:0")
                .options(BedrockOptions.builder().accessKeyId("ASIAOPTIONEXAMPLE").secretAccessKey(OPTION_SECRET)
                        .sessionToken(OPTION_TOKEN).build())
                .build()).await().atMost(Duration.ofSeconds(30)).text()).isEqualTo("Hello from loopback");
        // per-request Bedrock API key
        assertThat(client.chat(hello("us.amazon.nova-micro-v1:0")
                .options(BedrockOptions.builder().apiKey(OPTION_API_KEY).build()).build()).await()
                .atMost(Duration.ofSeconds(30)).text()).isEqualTo("Hello from loopback");
        assertThat(hits()).isEqualTo(3);
        List<String> seen = seen();
        assertThat(seen.get(1)).startsWith("AWS4-HMAC-SHA256 Credential=ASIACONFIGEXAMPLE/");
        assertThat(seen.get(2)).startsWith("AWS4-HMAC-SHA256 Credential=ASIAOPTIONEXAMPLE/");
        assertThat(seen.get(3)).isEqualTo("Bearer " + OPTION_API_KEY);

        // an error answer from the service, with each kind of credential
        for (BedrockOptions options : List.of(BedrockOptions.NONE,
                BedrockOptions.builder().accessKeyId("ASIAOPTIONEXAMPLE").secretAccessKey(OPTION_SECRET)
                        .sessionToken(OPTION_TOKEN).build(),
                BedrockOptions.builder().apiKey(OPTION_API_KEY).build())) {
            // the error mapping is another component's job: here only what the failure says matters
            Throwable failure = catchFailure(hello("deny.model-v1:0").options(options).build());
            errors.add(describe(failure));
        }
        assertThat(hits()).isEqualTo(6);

        // bad input: rejected before any network call, without echoing the secret
        Throwable halfPair = catchFailure(hello("anthropic.claude-3-haiku-20240307-v1:0")
                .options(BedrockOptions.builder().secretAccessKey(OPTION_SECRET).sessionToken(OPTION_TOKEN).build()).build());
        assertThat(halfPair).isInstanceOf(BedrockException.class).hasMessageContaining("access_key_id");
        errors.add(describe(halfPair));
        Throwable badRegion = catchFailure(hello("anthropic.claude-3-haiku-20240307-v1:0")
                .options(BedrockOptions.builder().region("us-east-1.evil.example").apiKey(OPTION_API_KEY).build()).build());
        assertThat(badRegion).isInstanceOf(BedrockException.class).hasMessageContaining("not an AWS region");
        errors.add(describe(badRegion));
        assertThatThrownBy(() -> hello("../../admin").build()).isInstanceOf(BedrockException.class);
        assertThat(hits()).as("no network call for bad input").isEqualTo(6);

        // the options' own toString
        errors.add(BedrockOptions.builder().accessKeyId("A").secretAccessKey(OPTION_SECRET).sessionToken(OPTION_TOKEN)
                .apiKey(OPTION_API_KEY).build().toString());

        assertThat(levels).as("TRACE/DEBUG records were captured, so the check below means something")
                .anyMatch(l -> l.intValue() < Level.INFO.intValue());
        assertThat(captured).as("the client's DEBUG line naming the access key id was captured")
                .anyMatch(r -> r.contains("ASIACONFIGEXAMPLE"));
        for (String secret : SECRETS) {
            assertThat(captured).as("log records containing a secret").noneMatch(r -> r.contains(secret));
            assertThat(errors).as("errors containing a secret").noneMatch(r -> r.contains(secret));
        }
    }

    private Throwable catchFailure(ChatRequest request) {
        try {
            client.chat(request).await().atMost(Duration.ofSeconds(30));
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the request was expected to fail");
    }

    private static String describe(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return t + " " + out;
    }
}
