package io.quarkiverse.bedrock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.runtime.catalog.ModelCapabilities;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * StartAsyncInvoke, GetAsyncInvoke and ListAsyncInvokes over an in-memory job store. A job runs at once: the model
 * input is answered as InvokeModel would answer it (Nova {@code SEGMENTED_EMBEDDING} tasks as one segment), and the
 * answer is written to {@code <output dir>/<bucket>/<prefix>/<invocation id>/output.json} in place of the S3 location;
 * the job is then {@code Completed}, or {@code Failed} with the error Bedrock would have given.
 */
final class AsyncInvokes {

    private static final String ARN_PREFIX = "arn:aws:bedrock:" + EmulatorCredentials.REGION
            + ":000000000000:async-invoke/";
    private static final int DEFAULT_PAGE = 1000;

    private final BedrockEmulator emulator;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    AsyncInvokes(BedrockEmulator emulator) {
        this.emulator = emulator;
    }

    /** One job, as GetAsyncInvoke describes it. */
    private record Job(String arn, String modelArn, String clientRequestToken, String status, String failureMessage,
            Instant submitTime, Instant endTime, JsonNode outputDataConfig, AtomicInteger inProgressPolls) {

        /** @return the job as the next GetAsyncInvoke sees it (counts the poll) */
        ObjectNode poll() {
            return inProgressPolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? inProgress() : toJson();
        }

        /** @return the job as ListAsyncInvokes sees it */
        ObjectNode summary() {
            return inProgressPolls.get() > 0 ? inProgress() : toJson();
        }

        private ObjectNode inProgress() {
            ObjectNode o = toJson();
            o.put("status", "InProgress").remove(List.of("failureMessage", "endTime"));
            o.put("lastModifiedTime", submitTime.toString());
            return o;
        }

        ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("invocationArn", arn).put("modelArn", modelArn);
            if (clientRequestToken != null) {
                o.put("clientRequestToken", clientRequestToken);
            }
            o.put("status", status);
            if (failureMessage != null) {
                o.put("failureMessage", failureMessage);
            }
            o.put("submitTime", submitTime.toString()).put("lastModifiedTime", endTime.toString())
                    .put("endTime", endTime.toString());
            o.set("outputDataConfig", outputDataConfig);
            return o;
        }
    }

    /** POST /async-invoke */
    void start(HttpServerRequest request, byte[] body, Map<String, String> labels) {
        JsonNode json = Json.parseObject(body);
        String modelId = json.path("modelId").asText("");
        JsonNode input = json.get("modelInput");
        String s3Uri = json.path("outputDataConfig").path("s3OutputDataConfig").path("s3Uri").asText("");
        if (modelId.isEmpty() || input == null || !input.isObject()) {
            throw BadRequest.validation("1 validation error detected: Value null at '" + (modelId.isEmpty() ? "modelId"
                    : "modelInput") + "' failed to satisfy constraint: Member must not be null");
        }
        if (!s3Uri.startsWith("s3://") || s3Uri.length() <= "s3://".length()) {
            throw BadRequest.validation("1 validation error detected: Value '" + s3Uri + "' at"
                    + " 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?");
        }
        String token = json.hasNonNull("clientRequestToken") ? json.get("clientRequestToken").asText() : null;
        if (token != null) {
            Optional<Job> same = jobs.values().stream().filter(j -> token.equals(j.clientRequestToken())).findFirst();
            if (same.isPresent()) {
                JsonAnswer.write(request.response(), Json.object().put("invocationArn", same.get().arn()));
                return;
            }
        }
        EmulatorOptions options = emulator.options();
        Optional<ModelCapabilities> model = options.strict()
                ? ModelRules.check(emulator.catalog(), modelId, "async-invoke")
                : Optional.empty();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instant submitted = emulator.clock().instant();
        String status = "Completed";
        String failure = null;
        try {
            write(s3Uri, id, answer(modelId, input, options));
        } catch (BadRequest e) {
            status = "Failed";
            failure = e.getMessage();
        }
        String base = model.map(ModelCapabilities::id).orElseGet(() -> ModelFamily.stripPrefix(modelId));
        Job job = new Job(ARN_PREFIX + id, "arn:aws:bedrock:" + EmulatorCredentials.REGION + "::foundation-model/" + base,
                token, status, failure, submitted, emulator.clock().instant(), json.get("outputDataConfig"),
                new AtomicInteger(emulator.asyncInvokeInProgressPolls()));
        jobs.put(job.arn(), job);
        JsonAnswer.write(request.response(), Json.object().put("invocationArn", job.arn()));
    }

    /** GET /async-invoke/{invocationArn} */
    void get(HttpServerRequest request, byte[] body, Map<String, String> labels) {
        Job job = jobs.get(labels.get("invocationArn"));
        if (job == null) {
            throw new BadRequest(new AwsError(404, "ResourceNotFoundException",
                    "The specified invocation ARN " + labels.get("invocationArn") + " does not exist."));
        }
        JsonAnswer.write(request.response(), job.poll());
    }

    /** GET /async-invoke?statusEquals&submitTimeAfter&submitTimeBefore&sortBy&sortOrder&maxResults&nextToken */
    void list(HttpServerRequest request, byte[] body, Map<String, String> labels) {
        MultiMap q = request.params();
        String status = q.get("statusEquals");
        Instant after = time(q, "submitTimeAfter");
        Instant before = time(q, "submitTimeBefore");
        int max = q.get("maxResults") == null ? DEFAULT_PAGE
                : EmulatorSettings.positive("maxResults",
                        q.get("maxResults"));
        int from = q.get("nextToken") == null ? 0 : EmulatorSettings.integer("nextToken", q.get("nextToken"));
        Comparator<Job> order = Comparator.comparing(Job::submitTime).thenComparing(Job::arn);
        if (!"Ascending".equals(q.get("sortOrder"))) {
            order = order.reversed();
        }
        List<Job> matching = jobs.values().stream()
                .filter(j -> status == null || status.equals(j.summary().path("status").asText()))
                .filter(j -> after == null || j.submitTime().isAfter(after))
                .filter(j -> before == null || j.submitTime().isBefore(before))
                .sorted(order).toList();
        ObjectNode out = Json.object();
        var summaries = out.putArray("asyncInvokeSummaries");
        int end = Math.min(matching.size(), from + max);
        for (int i = from; i < end; i++) {
            summaries.add(matching.get(i).summary());
        }
        if (end < matching.size()) {
            out.put("nextToken", Integer.toString(end));
        }
        JsonAnswer.write(request.response(), out);
    }

    /** @return what InvokeModel would answer for the input */
    private static JsonNode answer(String modelId, JsonNode input, EmulatorOptions options) {
        ModelFamily family = ModelFamily.of(modelId);
        JsonNode body = input;
        if (family == ModelFamily.NOVA_EMBEDDINGS && "SEGMENTED_EMBEDDING".equals(input.path("taskType").asText())) {
            ObjectNode single = Json.object().put("taskType", "SINGLE_EMBEDDING");
            single.set("singleEmbeddingParams", input.path("segmentedEmbeddingParams"));
            body = single;
        }
        ObjectNode direct = family.codec().direct(body, modelId);
        if (direct != null) {
            return direct;
        }
        Answer a = AnswerPlanner.plan(family.codec().parse(body), null, options);
        return family.codec().response(a, modelId, 1);
    }

    private void write(String s3Uri, String id, JsonNode answer) {
        String location = s3Uri.substring("s3://".length());
        Path dir = emulator.asyncOutputDirectory();
        for (String part : location.split("/")) {
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                dir = dir.resolve(part);
            }
        }
        try {
            Path job = Files.createDirectories(dir.resolve(id));
            Files.writeString(job.resolve("output.json"), answer.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the async invocation result under " + dir, e);
        }
    }

    private static Instant time(MultiMap q, String name) {
        String v = q.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw BadRequest.validation("Value '" + v + "' at '" + name + "' is not a valid ISO-8601 timestamp");
        }
    }
}
