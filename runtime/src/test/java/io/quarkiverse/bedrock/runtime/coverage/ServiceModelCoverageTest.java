package io.quarkiverse.bedrock.runtime.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.guardrail.GuardrailConfig;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/**
 * Keeps the client level with the Bedrock Runtime service model: every member of the shapes below must be either
 * handled by the client or listed, with the reason, as deliberately not handled. When the model file is refreshed and
 * AWS has added a member, this test fails until someone decides.
 */
class ServiceModelCoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLED = "handled";

    /**
     * Shape.member: {@value #HANDLED}, or why it is not handled. Request members marked handled are also checked
     * against a request body the client really builds (see {@link #handledConverseMembersAreReallySent()}).
     */
    private static final Map<String, String> MEMBERS = new LinkedHashMap<>();

    private static void handled(String shape, String... members) {
        for (String m : members) {
            MEMBERS.put(shape + "." + m, HANDLED);
        }
    }

    private static void notHandled(String reason, String shape, String... members) {
        for (String m : members) {
            MEMBERS.put(shape + "." + m, reason);
        }
    }

    static {
        // ---- Converse / ConverseStream requests
        handled("ConverseRequest", "modelId", "messages", "system", "inferenceConfig", "toolConfig", "guardrailConfig",
                "additionalModelRequestFields", "performanceConfig", "serviceTier", "requestMetadata", "outputConfig",
                "promptVariables");
        handled("ConverseStreamRequest", "modelId", "messages", "system", "inferenceConfig", "toolConfig",
                "guardrailConfig", "additionalModelRequestFields", "performanceConfig", "serviceTier", "requestMetadata",
                "outputConfig", "promptVariables");
        for (String op : List.of("ConverseRequest", "ConverseStreamRequest")) {
            notHandled("the raw additionalModelResponseFields are not surfaced, so asking for paths in them is pointless",
                    op, "additionalModelResponseFieldPaths");
        }
        handled("Message", "role", "content");
        handled("ContentBlock", "text", "image", "document", "toolUse", "toolResult", "cachePoint", "reasoningContent",
                "citationsContent");
        notHandled("no API type yet for video, audio and search results (Nova-only inputs)", "ContentBlock", "video",
                "audio", "searchResult");
        notHandled("guard content is a guardrail qualifier of Converse input; use guardrails().apply for it meanwhile",
                "ContentBlock", "guardContent");
        notHandled("tool addition/removal blocks belong to server-side tool sessions this client does not run",
                "ContentBlock", "toolAddition", "toolRemoval");
        handled("OutputConfig", "textFormat", "effort");
        handled("OutputFormat", "type", "structure");
        handled("OutputFormatStructure", "jsonSchema");
        handled("JsonSchemaDefinition", "schema", "name", "description");
        handled("PromptVariableValues", "text");
        handled("DocumentBlock", "format", "name", "source", "citations");
        notHandled("document context is a Nova-only hint with no API field yet; the name says what the document is",
                "DocumentBlock", "context");
        handled("CitationsConfig", "enabled");
        handled("CitationsContentBlock", "content", "citations");
        handled("Citation", "title", "source", "sourceContent", "location");
        handled("CitationsDelta", "title", "source", "sourceContent", "location");
        handled("CitationLocation", "web", "documentChar", "documentPage", "documentChunk", "searchResultLocation");
        handled("DocumentCharLocation", "documentIndex", "start", "end");
        handled("DocumentPageLocation", "documentIndex", "start", "end");
        handled("DocumentChunkLocation", "documentIndex", "start", "end");
        handled("SearchResultLocation", "searchResultIndex", "start", "end");
        handled("WebLocation", "url", "domain");
        handled("SystemContentBlock", "text", "cachePoint");
        notHandled("as ContentBlock.guardContent", "SystemContentBlock", "guardContent");
        handled("InferenceConfiguration", "maxTokens", "temperature", "topP", "stopSequences");
        handled("ToolConfiguration", "tools", "toolChoice");
        handled("Tool", "toolSpec", "cachePoint");
        notHandled("system tools (e.g. Nova grounding) need a typed API, not designed yet", "Tool", "systemTool");
        handled("ToolSpecification", "name", "description", "inputSchema", "strict");
        handled("ToolChoice", "auto", "any", "tool");
        handled("GuardrailConfiguration", "guardrailIdentifier", "guardrailVersion", "trace");
        handled("GuardrailStreamConfiguration", "guardrailIdentifier", "guardrailVersion", "trace",
                "streamProcessingMode");
        handled("PerformanceConfiguration", "latency");
        handled("ServiceTier", "type");
        handled("ToolResultBlock", "toolUseId", "content", "status");
        notHandled("the tool result type is only set by server-side tools", "ToolResultBlock", "type");
        handled("ToolUseBlock", "toolUseId", "name", "input");
        notHandled("the tool use type is only set by server-side tools", "ToolUseBlock", "type");
        handled("ToolResultContentBlock", "json", "text");
        notHandled("tool results carry text or JSON in this API; media results need API types", "ToolResultContentBlock",
                "image", "document", "video", "searchResult");

        // ---- Converse responses and stream events
        handled("ConverseResponse", "output", "stopReason", "usage", "trace");
        notHandled("latency is reported on stream Metadata chunks only", "ConverseResponse", "metrics");
        notHandled("model-specific extras; no typed use yet", "ConverseResponse", "additionalModelResponseFields");
        notHandled("echo of the request's settings", "ConverseResponse", "performanceConfig", "serviceTier");
        handled("ConverseTrace", "guardrail");
        notHandled("prompt routers are not supported as model ids yet", "ConverseTrace", "promptRouter");
        handled("ConverseStreamTrace", "guardrail");
        notHandled("as ConverseTrace.promptRouter", "ConverseStreamTrace", "promptRouter");
        handled("GuardrailTraceAssessment", "modelOutput", "inputAssessment", "outputAssessments", "actionReason");
        handled("TokenUsage", "inputTokens", "outputTokens", "totalTokens", "cacheReadInputTokens",
                "cacheWriteInputTokens", "cacheDetails");
        handled("CacheDetail", "ttl", "inputTokens");
        handled("ConverseStreamOutput", "messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop",
                "messageStop", "metadata", "internalServerException", "modelStreamErrorException",
                "validationException", "throttlingException", "serviceUnavailableException");
        handled("ContentBlockDelta", "text", "toolUse", "reasoningContent", "citation");
        notHandled("tool results and images are streamed only by server-side tools and image models this client does"
                + " not drive", "ContentBlockDelta", "toolResult", "image");
        handled("ContentBlockStart", "toolUse");
        notHandled("as ContentBlockDelta.toolResult/image", "ContentBlockStart", "toolResult", "image");
        handled("MessageStopEvent", "stopReason");
        notHandled("as ConverseResponse.additionalModelResponseFields", "MessageStopEvent",
                "additionalModelResponseFields");
        handled("ConverseStreamMetadataEvent", "usage", "metrics", "trace");
        notHandled("echo of the request's settings", "ConverseStreamMetadataEvent", "performanceConfig", "serviceTier");
        handled("ReasoningContentBlockDelta", "text", "redactedContent", "signature");

        // ---- InvokeModel / InvokeModelWithResponseStream / CountTokens
        for (String op : List.of("InvokeModelRequest", "InvokeModelWithResponseStreamRequest")) {
            handled(op, "body", "contentType", "accept", "modelId");
            notHandled("guardrails on native bodies: use Converse (a guardrail option routes there)", op, "trace",
                    "guardrailIdentifier", "guardrailVersion");
            notHandled("latency and service tier are sent on Converse only so far", op, "performanceConfigLatency",
                    "serviceTier");
            notHandled("request metadata routes a chat request to Converse, as a guardrail does", op, "requestMetadata");
        }
        handled("InvokeModelResponse", "body", "contentType");
        handled("InvokeModelWithResponseStreamResponse", "body", "contentType");
        for (String op : List.of("InvokeModelResponse", "InvokeModelWithResponseStreamResponse")) {
            notHandled("echo of the request's settings", op, "performanceConfigLatency", "serviceTier");
        }
        handled("ResponseStream", "chunk", "internalServerException", "modelStreamErrorException",
                "validationException", "throttlingException", "modelTimeoutException", "serviceUnavailableException");
        handled("CountTokensRequest", "modelId", "input");
        handled("CountTokensInput", "invokeModel", "converse");
        handled("ConverseTokensRequest", "messages", "system", "toolConfig", "additionalModelRequestFields");
        handled("CountTokensResponse", "inputTokens");

        // ---- Guardrails and async invoke
        handled("ApplyGuardrailRequest", "guardrailIdentifier", "guardrailVersion", "source", "content", "outputScope");
        handled("ApplyGuardrailResponse", "usage", "action", "actionReason", "outputs", "assessments",
                "guardrailCoverage");
        handled("GuardrailContentBlock", "text", "image");
        handled("GuardrailTextBlock", "text", "qualifiers");
        handled("GuardrailImageBlock", "format", "source");
        handled("GuardrailAssessment", "topicPolicy", "contentPolicy", "wordPolicy", "sensitiveInformationPolicy",
                "contextualGroundingPolicy", "automatedReasoningPolicy", "invocationMetrics");
        notHandled("kept in GuardrailAssessment.raw(); details of guardrail versions, not findings",
                "GuardrailAssessment", "appliedGuardrailDetails");
        handled("InvokeGuardrailChecksRequest", "messages", "checks");
        handled("InvokeGuardrailChecksResponse", "results", "usage");
        handled("GuardrailChecksConfig", "contentFilter", "promptAttack", "sensitiveInformation");
        handled("GuardrailChecksResults", "contentFilter", "promptAttack", "sensitiveInformation");
        handled("StartAsyncInvokeRequest", "clientRequestToken", "modelId", "modelInput", "outputDataConfig", "tags");
        handled("StartAsyncInvokeResponse", "invocationArn");
        handled("GetAsyncInvokeRequest", "invocationArn");
        handled("GetAsyncInvokeResponse", "invocationArn", "modelArn", "clientRequestToken", "status",
                "failureMessage", "submitTime", "lastModifiedTime", "endTime", "outputDataConfig");
        handled("AsyncInvokeSummary", "invocationArn", "modelArn", "clientRequestToken", "status", "failureMessage",
                "submitTime", "lastModifiedTime", "endTime", "outputDataConfig");
        handled("AsyncInvokeS3OutputDataConfig", "s3Uri", "kmsKeyId", "bucketOwner");
        handled("ListAsyncInvokesRequest", "submitTimeAfter", "submitTimeBefore", "statusEquals", "maxResults",
                "nextToken", "sortBy", "sortOrder");
        handled("ListAsyncInvokesResponse", "nextToken", "asyncInvokeSummaries");
    }

    private static JsonNode shapes;

    @BeforeAll
    static void readModel() throws IOException {
        shapes = JSON.readTree(TestData.dir("bedrock-model/botocore/service-2.json").toFile()).path("shapes");
    }

    @Test
    void everyMemberOfTheCheckedShapesIsHandledOrListed() {
        List<String> undecided = new ArrayList<>();
        for (String shape : new TreeSet<>(MEMBERS.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).toList())) {
            Iterator<String> names = shapes.path(shape).path("members").fieldNames();
            while (names.hasNext()) {
                String key = shape + "." + names.next();
                if (!MEMBERS.containsKey(key)) {
                    undecided.add(key);
                }
            }
        }
        assertThat(undecided).as("members of the service model that are neither handled nor listed with a reason"
                + " in ServiceModelCoverageTest").isEmpty();
    }

    @Test
    void theListNamesOnlyMembersTheModelHas() {
        List<String> stale = MEMBERS.keySet().stream().filter(k -> {
            String[] parts = k.split("\\.", 2);
            return !shapes.path(parts[0]).path("members").has(parts[1]);
        }).toList();
        assertThat(stale).as("entries naming a shape or member the service model does not have").isEmpty();
    }

    @Test
    void theExclusionListStaysShort() {
        long excluded = MEMBERS.values().stream().filter(v -> !v.equals(HANDLED)).count();
        // lowered as members get handled: a new exclusion must replace an old one or come with a reason to raise it
        assertThat(excluded).as("deliberately unhandled members").isLessThanOrEqualTo(47);
    }

    @Test
    void everyStopReasonOfTheModelIsMapped() {
        List<String> unmapped = new ArrayList<>();
        shapes.path("StopReason").path("enum").forEach(v -> {
            if (StopReason.fromWire(v.asText()) == StopReason.UNKNOWN) {
                unmapped.add(v.asText());
            }
        });
        assertThat(unmapped).as("stop reasons of the model without a StopReason constant").isEmpty();
        assertThat(StopReason.fromWire("something_new")).isEqualTo(StopReason.UNKNOWN);
    }

    /** The Converse request members claimed handled must appear in a body the client builds. */
    @Test
    void handledConverseMembersAreReallySent() {
        ChatRequest request = ChatRequest.builder().model("anthropic.claude-sonnet-4-20250514-v1:0")
                .system("Be brief").message(new Message(Role.USER, List.of(new ContentBlock.Text("hi"),
                        new ContentBlock.Image(ContentBlock.ImageFormat.PNG, new byte[] { 1 }),
                        new ContentBlock.Document(ContentBlock.DocumentFormat.values()[0], "doc", new byte[] { 1 })
                                .withCitations())))
                .maxTokens(10).temperature(0.5).topP(0.9).stopSequences(List.of("END"))
                .tool(new Tool("weather", "Weather", JSON.createObjectNode().put("type", "object")).strictly())
                .toolChoice(new ToolChoice.Auto())
                .options(BedrockOptions.builder().guardrail(new GuardrailConfig("gr", "1", "enabled", "sync"))
                        .latency("optimized").serviceTier("priority").anthropicPromptCache(true)
                        .additionalModelRequestFields(Map.of("top_k", 5)).requestMetadata("team", "search")
                        .outputSchema(JSON.createObjectNode().put("type", "object").put("description", "A reply"))
                        .effort("high").build())
                .build();
        ApiRouter router = new ApiRouter(new FamilyRegistry(List.of(new AnthropicFamily())));
        ConverseFormatter formatter = new ConverseFormatter(JSON);
        ObjectNode body = formatter.requestBody(request, router.route(request));
        // prompt variables go only with a prompt ARN, which takes none of system, tools or inference parameters
        ChatRequest prompt = ChatRequest.builder().model("arn:aws:bedrock:us-east-1:123456789012:prompt/PRMT12AB34")
                .options(BedrockOptions.builder().promptVariable("topic", "tides").build()).build();
        ObjectNode promptBody = formatter.requestBody(prompt, router.route(prompt));
        List<String> missing = new ArrayList<>();
        MEMBERS.forEach((key, value) -> {
            String[] parts = key.split("\\.", 2);
            if (value.equals(HANDLED) && parts[0].equals("ConverseStreamRequest") && !parts[1].equals("modelId")
                    && !body.has(parts[1]) && !promptBody.has(parts[1])) {
                missing.add(parts[1]);
            }
        });
        assertThat(missing).as("ConverseStream members listed as handled but absent from a full request body").isEmpty();
        for (String member : List.of("maxTokens", "temperature", "topP", "stopSequences")) {
            assertThat(body.path("inferenceConfig").has(member)).as(member).isTrue();
        }
        assertThat(body.at("/messages/0/content/1").has("image")).isTrue();
        assertThat(body.at("/messages/0/content/2").has("document")).isTrue();
        assertThat(body.at("/toolConfig/toolChoice").has("auto")).isTrue();
        assertThat(body.at("/toolConfig/tools/0/toolSpec/strict").asBoolean()).isTrue();
        assertThat(body.at("/guardrailConfig/streamProcessingMode").asText()).isEqualTo("sync");
        assertThat(body.toString()).contains("cachePoint");
        assertThat(body.at("/messages/0/content/2/document/citations/enabled").asBoolean()).isTrue();
        assertThat(body.at("/outputConfig/effort").asText()).isEqualTo("high");
        assertThat(body.at("/outputConfig/textFormat/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/outputConfig/textFormat/structure/jsonSchema/schema").asText())
                .isEqualTo("{\"type\":\"object\",\"description\":\"A reply\"}");
        assertThat(body.at("/outputConfig/textFormat/structure/jsonSchema/description").asText()).isEqualTo("A reply");
        assertThat(promptBody.at("/promptVariables/topic/text").asText()).isEqualTo("tides");
    }
}
