package io.quarkiverse.bedrock.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.ConverseStreamEvents;
import io.quarkiverse.bedrock.runtime.family.NativeStreamEvents;
import io.quarkiverse.bedrock.runtime.family.StreamEvents;
import io.quarkiverse.bedrock.runtime.family.fixtures.ReqllmScenarios;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;
import io.vertx.core.buffer.Buffer;

/** Reads a recorded stream straight from the fixture bytes, without the network, to compare with a client's answer. */
final class StreamedFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamedFixtures() {
    }

    static ChatResponse assemble(ReqllmScenarios.Fixture f) {
        StreamEvents events = f.operation().equals("converse-stream")
                ? new ConverseStreamEvents(JSON, null, "converse-stream")
                : new NativeStreamEvents(JSON, new OpenAiFamily().streamParser(JSON), null);
        EventStreamDecoder decoder = new EventStreamDecoder();
        ChatResponseAssembler assembler = new ChatResponseAssembler(f.modelId());
        for (byte[] read : f.chunks()) {
            for (EventStreamMessage m : decoder.feed(Buffer.buffer(read))) {
                events.accept(m, assembler::accept);
            }
        }
        decoder.complete();
        events.finish();
        return assembler.response();
    }
}
