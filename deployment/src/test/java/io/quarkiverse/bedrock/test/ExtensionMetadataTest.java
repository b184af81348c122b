package io.quarkiverse.bedrock.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The metadata Quarkus tools and the Dev UI card show come from our descriptor, not from the parent POM. */
class ExtensionMetadataTest {

    @Test
    void descriptorDescribesThisExtension() throws IOException {
        List<String> ours = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/quarkus-extension.yaml"))) {
            try (InputStream in = url.openStream()) {
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (yaml.contains("io.quarkiverse.bedrock:quarkus-bedrock:")) {
                    ours.add(yaml);
                }
            }
        }
        assertThat(ours).hasSize(1);
        String yaml = ours.get(0);
        assertThat(yaml).contains("Amazon Bedrock Runtime", "guide:", "categories:", "keywords:", "status:",
                "quarkus.aws-bedrock.");
        assertThat(yaml).containsPattern("description: \"One reactive client for Amazon Bedrock Runtime")
                .doesNotContain("Parent POM for Quarkiverse");
    }
}
