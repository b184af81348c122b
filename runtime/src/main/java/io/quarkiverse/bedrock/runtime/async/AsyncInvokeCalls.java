package io.quarkiverse.bedrock.runtime.async;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.async.AsyncInvoke;
import io.quarkiverse.bedrock.api.async.AsyncInvokeDeadlineException;
import io.quarkiverse.bedrock.api.async.AsyncInvokePage;
import io.quarkiverse.bedrock.api.async.AsyncInvokeStatus;
import io.quarkiverse.bedrock.api.async.AsyncInvokes;
import io.quarkiverse.bedrock.api.async.ListAsyncInvokesRequest;
import io.quarkiverse.bedrock.api.async.StartAsyncInvokeRequest;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.operations.OperationCall;
import io.quarkiverse.bedrock.runtime.operations.OperationCalls;
import io.smallrye.mutiny.Uni;

/** StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes and polling to completion. */
public final class AsyncInvokeCalls implements AsyncInvokes {

    private final OperationCalls calls;

    /** @param calls sends the calls */
    public AsyncInvokeCalls(OperationCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<String> start(StartAsyncInvokeRequest request) {
        return Uni.createFrom().deferred(() -> {
            byte[] body = bytes(startBody(request));
            OperationCall call = new OperationCall("StartAsyncInvoke", "POST", "/async-invoke", "", body,
                    (api, h) -> api.startAsyncInvoke(h.authorization(), h.amzDate(), h.contentSha256(),
                            h.securityToken(), body));
            return calls.send(call, request.options()).map(a -> {
                JsonNode arn = a.body().path("invocationArn");
                if (!arn.isTextual()) {
                    throw new BedrockServiceException(200, "MalformedResponse",
                            "The StartAsyncInvoke answer has no invocationArn", a.requestId());
                }
                return arn.asText();
            });
        });
    }

    ObjectNode startBody(StartAsyncInvokeRequest request) {
        ObjectNode body = calls.json().createObjectNode();
        if (request.clientRequestToken() != null) {
            body.put("clientRequestToken", request.clientRequestToken());
        }
        body.put("modelId", request.modelId());
        body.set("modelInput", request.modelInput());
        ObjectNode s3 = body.putObject("outputDataConfig").putObject("s3OutputDataConfig");
        s3.put("s3Uri", request.outputS3Uri());
        if (request.kmsKeyId() != null) {
            s3.put("kmsKeyId", request.kmsKeyId());
        }
        if (request.bucketOwner() != null) {
            s3.put("bucketOwner", request.bucketOwner());
        }
        if (!request.tags().isEmpty()) {
            ArrayNode tags = body.putArray("tags");
            request.tags().forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        }
        return body;
    }

    @Override
    public Uni<AsyncInvoke> get(String invocationArn, BedrockOptions options) {
        return Uni.createFrom().deferred(() -> {
            if (invocationArn == null || invocationArn.isBlank()) {
                throw new InvalidRequestException("GetAsyncInvoke needs the invocation ARN that start returned");
            }
            String arn = OperationCall.encode(invocationArn);
            OperationCall call = new OperationCall("GetAsyncInvoke", "GET", "/async-invoke/" + arn, "", new byte[0],
                    (api, h) -> api.getAsyncInvoke(arn, h.authorization(), h.amzDate(), h.contentSha256(),
                            h.securityToken()));
            return calls.send(call, options).map(a -> invocation(a.body()));
        });
    }

    @Override
    public Uni<AsyncInvokePage> list(ListAsyncInvokesRequest request) {
        return Uni.createFrom().deferred(() -> {
            String status = request.status() == null ? null : request.status().wireName();
            String after = time(request.submittedAfter());
            String before = time(request.submittedBefore());
            String sortBy = request.ascending() ? "SubmissionTime" : null;
            String sortOrder = request.ascending() ? "Ascending" : null;
            String max = request.maxResults() == null ? null : request.maxResults().toString();
            String token = OperationCall.encode(request.nextToken());
            // the same order as the REST client's @QueryParam parameters, so the signed URI is the sent URI
            String query = OperationCall.query("statusEquals", status, "submitTimeAfter", after, "submitTimeBefore",
                    before, "sortBy", sortBy, "sortOrder", sortOrder, "maxResults", max, "nextToken", token);
            OperationCall call = new OperationCall("ListAsyncInvokes", "GET", "/async-invoke", query, new byte[0],
                    (api, h) -> api.listAsyncInvokes(status, after, before, sortBy, sortOrder, max, token,
                            h.authorization(), h.amzDate(), h.contentSha256(), h.securityToken()));
            return calls.send(call, request.options()).map(a -> {
                List<AsyncInvoke> items = new ArrayList<>();
                for (JsonNode s : a.body().path("asyncInvokeSummaries")) {
                    items.add(invocation(s));
                }
                return new AsyncInvokePage(items, a.body().path("nextToken").asText(null));
            });
        });
    }

    private static String time(Instant t) {
        return t == null ? null : OperationCall.encode(t.toString());
    }

    @Override
    public Uni<AsyncInvoke> awaitCompletion(String invocationArn, Duration interval, Duration deadline,
            BedrockOptions options) {
        return Uni.createFrom().deferred(() -> {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new InvalidRequestException("The polling interval must be positive, not " + interval);
            }
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new InvalidRequestException("The deadline must be positive, not " + deadline);
            }
            AtomicReference<AsyncInvoke> last = new AtomicReference<>();
            return get(invocationArn, options).invoke(last::set)
                    .repeat().withDelay(interval).whilst(a -> !a.status().done())
                    .collect().last()
                    .ifNoItem().after(deadline).failWith(() -> new AsyncInvokeDeadlineException("The asynchronous"
                            + " invocation " + invocationArn + " had not finished after " + deadline
                            + (last.get() == null ? " (no poll answered)" : " (last status " + last.get().rawStatus() + ")"),
                            last.get()));
        });
    }

    static AsyncInvoke invocation(JsonNode o) {
        JsonNode s3 = o.path("outputDataConfig").path("s3OutputDataConfig");
        String status = o.path("status").asText(null);
        return new AsyncInvoke(o.path("invocationArn").asText(null), o.path("modelArn").asText(null),
                o.path("clientRequestToken").asText(null), AsyncInvokeStatus.fromWire(status), status,
                o.path("failureMessage").asText(null), instant(o.path("submitTime")),
                instant(o.path("lastModifiedTime")), instant(o.path("endTime")), s3.path("s3Uri").asText(null),
                s3.path("kmsKeyId").asText(null), s3.path("bucketOwner").asText(null));
    }

    /** The model says ISO-8601; epoch seconds are read too, as some AWS JSON serialisers send them. */
    private static Instant instant(JsonNode v) {
        if (v.isNumber()) {
            return Instant.ofEpochMilli(Math.round(v.asDouble() * 1000));
        }
        if (v.isTextual()) {
            try {
                return Instant.parse(v.asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return calls.json().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the request body", e);
        }
    }
}
