package io.quarkiverse.bedrock.test.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.testing.BedrockEmulator;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * Every dev-mode restart closes the clients of the application it replaces: after 10 reloads, each followed by a
 * streamed and a non-streamed call, the emulator sees no more open connections and the JVM runs no more threads than
 * after the second reload (one streamed and one non-streamed connection). Without the registry's close, each reload
 * leaves its clients' pooled connections open (4 to 22 after 10 reloads).
 */
class ClientLifecycleDevModeTest {

    static final BedrockEmulator EMULATOR = BedrockEmulator.create().start();

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClass(ProbeResource.class)
                    .addAsResource(new StringAsset(EMULATOR.clientConfig().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"))),
                            "application.properties"));

    @AfterAll
    static void stopEmulator() {
        EMULATOR.stop();
    }

    @Test
    void reloadsLeakNoConnectionsNorThreads() {
        probe(0);
        List<Integer> connections = new ArrayList<>();
        List<Integer> threads = new ArrayList<>();
        for (int reload = 1; reload <= 10; reload++) {
            int previous = reload - 1;
            int next = reload;
            TEST.modifySourceFile(ProbeResource.class, s -> s.replace("\"v" + previous + "|\"", "\"v" + next + "|\""));
            probe(reload);
            connections.add(settledConnections());
            threads.add(Thread.getAllStackTraces().size());
        }
        System.out.printf("open connections after reloads 1..10: %s, live threads: %s%n", connections, threads);
        assertThat(connections.get(9)).as("open connections after reloads 1..10: %s", connections)
                .isLessThanOrEqualTo(connections.get(1));
        assertThat(threads.get(9)).as("live threads after reloads 1..10: %s", threads)
                .isLessThanOrEqualTo(threads.get(1));
    }

    /**
     * @return the emulator's open connections once the previous application's have had time to close (they close while
     *         the new one starts; on a loaded machine the emulator may see it a little later): at most 5 s
     */
    private static int settledConnections() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (EMULATOR.openConnections() > 2 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return EMULATOR.openConnections();
    }

    private static void probe(int version) {
        String answer = given().get("/probe").then().statusCode(200).extract().asString();
        String[] parts = answer.split("\\|");
        assertThat(parts[0]).as("the reload happened").isEqualTo("v" + version);
        assertThat(parts[1]).isEqualTo(EMULATOR.endpoint().toString());
        assertThat(Integer.parseInt(parts[2])).as("streamed text deltas").isPositive();
    }
}
