package io.quarkiverse.bedrock.benchmarks.streaming;

import java.util.concurrent.CompletableFuture;

/** One client under test: streams one ConverseStream answer and reports what the harness measures. */
interface StreamClient extends AutoCloseable {

    /** @return the name in the report, e.g. {@code quarkus-bedrock} */
    String name();

    /**
     * @param prompt the user message
     * @param invoke InvokeModelWithResponseStream with Claude's native body and chunks, else ConverseStream
     * @return completes when the stream has ended normally
     */
    CompletableFuture<StreamResult> stream(String prompt, boolean invoke);

    @Override
    void close();

    /**
     * @param requestId the {@code x-amzn-RequestId} of the answer
     * @param firstTextNanos {@code System.nanoTime()} when the first text delta reached the caller
     * @param textDeltas how many text deltas the caller received
     */
    record StreamResult(String requestId, long firstTextNanos, int textDeltas) {
    }
}
