"""Drives a running Bedrock emulator with boto3 (botocore signs without x-amz-content-sha256).

Environment: BEDROCK_EMULATOR_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. Prints one line per check and
"RESULT passed=N failed=M".
"""
import json
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError

URL = os.environ["BEDROCK_EMULATOR_URL"]
CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0"
FAULT = "X-Bedrock-Emulator-Fault"
results = {"passed": 0, "failed": 0}


def client(secret=None, fault=None):
    c = boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        endpoint_url=URL,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=secret or os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    if fault:
        def add_fault(request, **kwargs):
            request.headers[FAULT] = fault
        c.meta.events.register("before-sign.bedrock-runtime.*", add_fault)
    return c


def check(name, fn):
    try:
        fn()
        results["passed"] += 1
        print(f"PASS boto3 {name}")
    except Exception as e:  # noqa: BLE001 - every failure is reported, not raised
        results["failed"] += 1
        print(f"FAIL boto3 {name}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")


def user(text):
    return [{"role": "user", "content": [{"text": text}]}]


def converse():
    r = client().converse(modelId=CLAUDE, messages=user("Say hello"))
    assert r["output"]["message"]["content"][0]["text"], r
    assert r["usage"]["inputTokens"] > 0, r["usage"]
    assert r["stopReason"] == "end_turn", r["stopReason"]


def converse_stream():
    r = client().converse_stream(modelId=CLAUDE, messages=user("Tell me a story"))
    kinds, text = [], ""
    for event in r["stream"]:
        kinds.extend(event.keys())
        text += event.get("contentBlockDelta", {}).get("delta", {}).get("text", "")
    assert text, kinds
    assert kinds[0] == "messageStart" and "messageStop" in kinds and kinds[-1] == "metadata", kinds


def nova_streaming_tools():
    tool = {"toolSpec": {"name": "get_weather", "inputSchema": {"json": {"type": "object"}}}}
    r = client().converse_stream(modelId="us.amazon.nova-lite-v1:0", messages=user("Weather in Paris? Use the tool."),
                                 toolConfig={"tools": [tool]})
    kinds = [k for event in r["stream"] for k in event.keys()]
    assert "messageStop" in kinds, kinds


def invoke():
    body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100,
            "messages": [{"role": "user", "content": "Say hello"}]}
    r = client().invoke_model(modelId=CLAUDE, body=json.dumps(body))
    answer = json.loads(r["body"].read())
    assert answer["type"] == "message" and answer["content"][0]["text"], answer


def invoke_embeddings():
    r = client().invoke_model(modelId="amazon.titan-embed-text-v2:0", body=json.dumps({"inputText": "hello"}))
    answer = json.loads(r["body"].read())
    assert len(answer["embedding"]) == 1024 and "float" in answer["embeddingsByType"], answer.keys()


def invoke_stream():
    body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100,
            "messages": [{"role": "user", "content": "Tell me a story"}]}
    r = client().invoke_model_with_response_stream(modelId=CLAUDE, body=json.dumps(body))
    chunks = [json.loads(e["chunk"]["bytes"]) for e in r["body"] if "chunk" in e]
    assert any(c["type"] == "content_block_delta" for c in chunks), chunks
    assert chunks[-1]["type"] == "message_stop", chunks[-1]


def count_tokens():
    c = client()
    if not hasattr(c, "count_tokens"):
        raise AssertionError(f"botocore {boto3.__version__} has no count_tokens")
    r = c.count_tokens(modelId=CLAUDE, input={"converse": {"messages": user("How many tokens is this?")}})
    assert r["inputTokens"] > 0, r


def expect_client_error(fn, code, status):
    try:
        fn()
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, e.response["Error"]
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == status, e.response["ResponseMetadata"]
        return e
    raise AssertionError("no error")


def unknown_model():
    e = expect_client_error(lambda: client().converse(modelId="acme.unknown-model-v9", messages=user("hi")),
                            "ValidationException", 400)
    assert e.response["Error"]["Message"] == "The provided model identifier is invalid.", e.response["Error"]


def assistant_first():
    expect_client_error(lambda: client().converse(
        modelId=CLAUDE, messages=[{"role": "assistant", "content": [{"text": "hi"}]}]), "ValidationException", 400)


def tool_result_without_tool_use():
    tool = {"toolSpec": {"name": "get_weather", "inputSchema": {"json": {"type": "object"}}}}
    messages = user("hi") + [{"role": "assistant", "content": [{"text": "ok"}]},
                             {"role": "user", "content": [{"toolResult": {"toolUseId": "t1", "content": [{"text": "x"}]}}]}]
    expect_client_error(lambda: client().converse(modelId=CLAUDE, messages=messages, toolConfig={"tools": [tool]}),
                        "ValidationException", 400)


def wrong_secret():
    expect_client_error(lambda: client(secret="wrong").converse(modelId=CLAUDE, messages=user("hi")),
                        "InvalidSignatureException", 403)


def throttling():
    expect_client_error(lambda: client(fault="throttling").converse(modelId=CLAUDE, messages=user("hi")),
                        "ThrottlingException", 429)


def stream_throttling():
    r = client(fault="stream-throttling").converse_stream(modelId=CLAUDE, messages=user("Tell me a story"))
    text = ""
    try:
        for event in r["stream"]:
            text += event.get("contentBlockDelta", {}).get("delta", {}).get("text", "")
    except EventStreamError as e:
        assert e.response["Error"]["Code"] == "throttlingException", e.response["Error"]
        assert text, "no text before the exception"
        return
    raise AssertionError("the stream ended without the exception event")


def apply_guardrail():
    c = client()
    ok = c.apply_guardrail(guardrailIdentifier="gr-1", guardrailVersion="1", source="INPUT",
                           content=[{"text": {"text": "What is the capital of France?"}}])
    assert ok["action"] == "NONE", ok
    blocked = c.apply_guardrail(guardrailIdentifier="gr-1", guardrailVersion="DRAFT", source="OUTPUT",
                                content=[{"text": {"text": "this must be blocked"}}])
    assert blocked["action"] == "GUARDRAIL_INTERVENED" and blocked["outputs"], blocked


def async_invoke():
    c = client()
    arn = c.start_async_invoke(modelId="amazon.titan-embed-text-v2:0", modelInput={"inputText": "hello"},
                               outputDataConfig={"s3OutputDataConfig": {"s3Uri": "s3://conformance/out"}})["invocationArn"]
    job = c.get_async_invoke(invocationArn=arn)
    assert job["status"] == "Completed", job
    listed = c.list_async_invokes(statusEquals="Completed")["asyncInvokeSummaries"]
    assert arn in [j["invocationArn"] for j in listed], listed


for name, fn in [("apply-guardrail", apply_guardrail), ("start/get/list-async-invoke", async_invoke),
                 ("converse", converse), ("converse-stream", converse_stream),
                 ("converse-stream with tools on Amazon Nova", nova_streaming_tools), ("invoke", invoke),
                 ("invoke (Titan embeddings V2)", invoke_embeddings), ("invoke-stream", invoke_stream),
                 ("count-tokens", count_tokens), ("error: unknown model", unknown_model),
                 ("error: conversation starting with the assistant", assistant_first),
                 ("error: toolResult answering no toolUse", tool_result_without_tool_use),
                 ("error: wrong secret", wrong_secret), ("fault: throttling", throttling),
                 ("fault: throttlingException event mid-stream", stream_throttling)]:
    check(name, fn)
print(f"RESULT passed={results['passed']} failed={results['failed']}")
