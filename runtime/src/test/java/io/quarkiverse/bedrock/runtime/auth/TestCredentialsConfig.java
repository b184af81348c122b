package io.quarkiverse.bedrock.runtime.auth;

import java.util.Optional;

import io.quarkiverse.bedrock.runtime.config.CredentialsConfig;
import io.quarkiverse.bedrock.runtime.config.CredentialsType;

/** A {@code quarkus.aws-bedrock.credentials.*} configuration built in code. */
record TestCredentialsConfig(CredentialsType type, Optional<String> accessKeyId, Optional<String> secretAccessKey,
        Optional<String> sessionToken, Optional<String> apiKey, Optional<String> profileName,
        Optional<String> processCommand) implements CredentialsConfig {

    static TestCredentialsConfig none() {
        return new TestCredentialsConfig(CredentialsType.DEFAULT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    TestCredentialsConfig withType(CredentialsType t) {
        return new TestCredentialsConfig(t, accessKeyId, secretAccessKey, sessionToken, apiKey, profileName, processCommand);
    }

    TestCredentialsConfig withKeys(String id, String secret) {
        return new TestCredentialsConfig(type, Optional.ofNullable(id), Optional.ofNullable(secret), sessionToken, apiKey,
                profileName, processCommand);
    }

    TestCredentialsConfig withSessionToken(String token) {
        return new TestCredentialsConfig(type, accessKeyId, secretAccessKey, Optional.ofNullable(token), apiKey, profileName,
                processCommand);
    }

    TestCredentialsConfig withApiKey(String key) {
        return new TestCredentialsConfig(type, accessKeyId, secretAccessKey, sessionToken, Optional.ofNullable(key),
                profileName, processCommand);
    }

    TestCredentialsConfig withProfileName(String name) {
        return new TestCredentialsConfig(type, accessKeyId, secretAccessKey, sessionToken, apiKey, Optional.ofNullable(name),
                processCommand);
    }
}
