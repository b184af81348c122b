package io.quarkiverse.bedrock.runtime.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test data ({@code ../shared/testdata} beside the checkout). Tests call {@link #dir(String)}: when
 * the folder is absent the test is skipped with a message saying where it looked, except when {@code CI=true}, where
 * absence is a failure. Shared with the other modules through this module's test-jar.
 */
public final class TestData {

    private TestData() {
    }

    /** @return the test data root, as given by the {@code bedrock.testdata} system property (set by the build) */
    public static Path root() {
        String configured = System.getProperty("bedrock.testdata");
        Path root = configured != null ? Paths.get(configured) : Paths.get("..", "..", "shared", "testdata");
        return root.toAbsolutePath().normalize();
    }

    /**
     * @param relative a folder or file below the test data root, e.g. {@code eventstream/encoded}
     * @return its path; the calling test is skipped (or, under {@code CI=true}, fails) when it does not exist
     */
    public static Path dir(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            String message = "Shared test data not found at " + path
                    + " (expected ../shared/testdata beside the checkout, or -Dbedrock.testdata=<dir>)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI=true, so this is a failure");
            }
            Assumptions.abort(message);
        }
        return path;
    }
}
