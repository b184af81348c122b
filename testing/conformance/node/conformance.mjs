// Drives a running Bedrock emulator with the Vercel AI SDK (@ai-sdk/amazon-bedrock, which signs with aws4fetch) and,
// for the operations that SDK does not call, with aws4fetch and the Smithy event-stream codec directly.
// Environment: BEDROCK_EMULATOR_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. Prints one line per check and
// "RESULT passed=N failed=M".
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { embed, generateText, jsonSchema, streamText, tool } from 'ai';
import { AwsClient } from 'aws4fetch';
import { EventStreamCodec } from '@smithy/eventstream-codec';

const url = process.env.BEDROCK_EMULATOR_URL;
const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
const region = 'us-east-1';
const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const FAULT = 'X-Bedrock-Emulator-Fault';

const bedrock = createAmazonBedrock({ region, accessKeyId, secretAccessKey, baseURL: url });
const aws = new AwsClient({ accessKeyId, secretAccessKey, region, service: 'bedrock' });
const utf8 = {
  fromUtf8: (s) => new TextEncoder().encode(s),
  toUtf8: (b) => new TextDecoder().decode(b),
};
const codec = new EventStreamCodec(utf8.toUtf8, utf8.fromUtf8);

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`PASS vercel-ai ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL vercel-ai ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
  }
}
function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Splits an event-stream body into decoded messages (whole frames only). */
function frames(bytes) {
  const out = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const total = new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0);
    out.push(codec.decode(bytes.subarray(offset, offset + total)));
    offset += total;
  }
  return out;
}

async function signedPost(path, body) {
  return aws.fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

await check('converse', async () => {
  const r = await generateText({ model: bedrock(CLAUDE), prompt: 'Say hello', maxRetries: 0 });
  assert(r.text.length > 0, 'empty text');
  assert(r.usage.inputTokens > 0, `inputTokens ${r.usage.inputTokens}`);
  assert(r.finishReason === 'stop', `finishReason ${r.finishReason}`);
});

await check('converse-stream', async () => {
  const r = streamText({ model: bedrock(CLAUDE), prompt: 'Tell me a story', maxRetries: 0 });
  let text = '';
  for await (const part of r.textStream) {
    text += part;
  }
  assert(text.length > 0, 'no streamed text');
  assert((await r.finishReason) === 'stop', `finishReason ${await r.finishReason}`);
});

await check('converse-stream with tools on Amazon Nova', async () => {
  const r = streamText({
    model: bedrock('us.amazon.nova-lite-v1:0'),
    prompt: 'What is the weather in Paris? Use the get_weather tool.',
    tools: {
      get_weather: tool({
        description: 'Weather of a city',
        inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
      }),
    },
    maxRetries: 0,
  });
  const types = [];
  for await (const part of r.fullStream) {
    if (part.type === 'error') {
      throw part.error;
    }
    types.push(part.type);
  }
  assert(types.includes('finish'), `parts ${types.join(',')}`);
});

await check('invoke (embeddings)', async () => {
  const r = await embed({ model: bedrock.embedding('amazon.titan-embed-text-v2:0'), value: 'hello', maxRetries: 0 });
  assert(r.embedding.length === 1024, `embedding of ${r.embedding.length}`);
});

await check('invoke-stream (aws4fetch)', async () => {
  const res = await signedPost(`/model/${encodeURIComponent(CLAUDE)}/invoke-with-response-stream`, {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'Tell me a story' }],
  });
  if (res.status !== 200) {
    throw new Error(`status ${res.status}: ${await res.text()}`);
  }
  const events = frames(new Uint8Array(await res.arrayBuffer()));
  const chunks = events.filter((m) => m.headers[':event-type']?.value === 'chunk')
    .map((m) => JSON.parse(Buffer.from(JSON.parse(utf8.toUtf8(m.body)).bytes, 'base64').toString('utf8')));
  assert(chunks.some((c) => c.type === 'content_block_delta'), 'no content_block_delta chunk');
  assert(chunks.at(-1).type === 'message_stop', `last chunk ${chunks.at(-1).type}`);
});

await check('count-tokens (aws4fetch)', async () => {
  const res = await signedPost(`/model/${encodeURIComponent(CLAUDE)}/count-tokens`, {
    input: { converse: { messages: [{ role: 'user', content: [{ text: 'How many tokens is this?' }] }] } },
  });
  assert(res.status === 200, `status ${res.status}`);
  const body = await res.json();
  assert(body.inputTokens > 0, `inputTokens ${body.inputTokens}`);
});

await check('error: unknown model is a ValidationException', async () => {
  try {
    await generateText({ model: bedrock('acme.unknown-model-v9'), prompt: 'hi', maxRetries: 0 });
  } catch (e) {
    assert(e.statusCode === 400, `status ${e.statusCode}`);
    assert(String(e.responseBody).includes('The provided model identifier is invalid.'), e.responseBody);
    return;
  }
  throw new Error('no error');
});

await check('error: conversation starting with the assistant', async () => {
  const res = await signedPost(`/model/${encodeURIComponent(CLAUDE)}/converse`, {
    messages: [{ role: 'assistant', content: [{ text: 'hi' }] }],
  });
  assert(res.status === 400, `status ${res.status}`);
  assert(res.headers.get('x-amzn-errortype').startsWith('ValidationException'), res.headers.get('x-amzn-errortype'));
});

await check('error: wrong secret is an InvalidSignatureException', async () => {
  const wrong = createAmazonBedrock({ region, accessKeyId, secretAccessKey: 'wrong', baseURL: url });
  try {
    await generateText({ model: wrong(CLAUDE), prompt: 'hi', maxRetries: 0 });
  } catch (e) {
    assert(e.statusCode === 403, `status ${e.statusCode}`);
    assert(String(e.responseBody).includes('signature'), e.responseBody);
    return;
  }
  throw new Error('no error');
});

await check('fault: throttling is a 429', async () => {
  try {
    await generateText({ model: bedrock(CLAUDE), prompt: 'hi', maxRetries: 0, headers: { [FAULT]: 'throttling' } });
  } catch (e) {
    assert(e.statusCode === 429, `status ${e.statusCode}`);
    return;
  }
  throw new Error('no error');
});

await check('fault: throttlingException event mid-stream', async () => {
  const r = streamText({
    model: bedrock(CLAUDE), prompt: 'Tell me a story', maxRetries: 0, headers: { [FAULT]: 'stream-throttling' },
    onError: () => {},
  });
  let error = null;
  let text = '';
  for await (const part of r.fullStream) {
    if (part.type === 'error') {
      error = part.error;
    } else if (part.type === 'text-delta') {
      text += part.text;
    }
  }
  assert(text.length > 0, 'no text before the exception');
  assert(error !== null, 'no error part');
  // the provider hands over the throttlingException event's payload
  assert(String(error && error.message).startsWith('Too many requests'), `error ${JSON.stringify(error)}`);
});

await check('fault: trickled stream decodes', async () => {
  const r = streamText({ model: bedrock(CLAUDE), prompt: 'Tell me a story', maxRetries: 0, headers: { [FAULT]: 'trickle' } });
  let text = '';
  for await (const part of r.textStream) {
    text += part;
  }
  assert(text.length > 0, 'no streamed text');
});

console.log(`RESULT passed=${passed} failed=${failed}`);
