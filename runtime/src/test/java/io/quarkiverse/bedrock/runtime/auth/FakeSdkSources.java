package io.quarkiverse.bedrock.runtime.auth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.runtime.config.CredentialsType;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** SDK-backed sources replaced by suppliers, recording which types were asked for and on which thread. */
final class FakeSdkSources implements SdkCredentialSources {

    final Map<CredentialsType, Supplier<AwsCredentials>> answers = new EnumMap<>(CredentialsType.class);
    final List<CredentialsType> asked = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    FakeSdkSources answer(CredentialsType type, Supplier<AwsCredentials> answer) {
        answers.put(type, answer);
        return this;
    }

    @Override
    public synchronized AwsCredentialsProvider provider(CredentialsType type) {
        return () -> {
            synchronized (this) {
                asked.add(type);
                threads.add(Thread.currentThread());
            }
            Supplier<AwsCredentials> answer = answers.get(type);
            if (answer == null) {
                throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
            }
            return answer.get();
        };
    }
}
