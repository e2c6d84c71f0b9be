// Granary's gRPC API (protos/granary/v1/inference.proto) driven by @grpc/grpc-js against a running
// server: GRANARY_GRPC_URL (http://host:port of the HTTP/2 endpoint), GRANARY_API_KEY, GRANARY_MODEL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const model = process.env.GRANARY_MODEL ?? 'tiny-llama3';
const apiKey = process.env.GRANARY_API_KEY ?? '';
const target = new URL(process.env.GRANARY_GRPC_URL ?? 'http://127.0.0.1:50051');
const credentials = target.protocol === 'https:' ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();

// Snake-case fields as in the proto, enums by name, int64 as numbers, unset optionals left out.
const loaderOptions = { keepCase: true, enums: String, longs: Number, defaults: true, oneofs: true };
const protosRoot = fileURLToPath(new URL('../../../protos', import.meta.url));
const inferenceDefinition = protoLoader.loadSync('granary/v1/inference.proto', { ...loaderOptions, includeDirs: [protosRoot] });
const { InferenceService } = grpc.loadPackageDefinition(inferenceDefinition).granary.v1;

// The standard grpc.health.v1 service, declared here so that the check needs no other package.
const healthDefinition = protoLoader.fromJSON({
  nested: { grpc: { nested: { health: { nested: { v1: { nested: {
    HealthCheckRequest: { fields: { service: { type: 'string', id: 1 } } },
    HealthCheckResponse: {
      fields: { status: { type: 'ServingStatus', id: 1 } },
      nested: { ServingStatus: { values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } } },
    },
    Health: { methods: { Check: { requestType: 'HealthCheckRequest', responseType: 'HealthCheckResponse' } } },
  } } } } } } },
}, loaderOptions);
const { Health } = grpc.loadPackageDefinition(healthDefinition).grpc.health.v1;

const inference = new InferenceService(target.host, credentials);
const health = new Health(target.host, credentials);

function metadata(key = apiKey) {
  const result = new grpc.Metadata();
  if (key) result.set('authorization', `Bearer ${key}`);
  return result;
}

function unary(client, method, request, meta = metadata()) {
  return new Promise((resolve, reject) => {
    client[method](request, meta, { deadline: Date.now() + 60_000 }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/** Every message of a Generate or Chat stream, in order. */
function collect(call) {
  return new Promise((resolve, reject) => {
    const messages = [];
    call.on('data', (message) => messages.push(message));
    call.on('error', reject);
    call.on('end', () => resolve(messages));
  });
}

function stream(method, request, meta = metadata()) {
  return collect(inference[method](request, meta, { deadline: Date.now() + 120_000 }));
}

/** Checks the stream's shape (start, deltas, end) and returns its parts. */
function parse(messages) {
  assert.ok(messages.length >= 2, `only ${messages.length} messages`);
  assert.equal(messages[0].event, 'start');
  assert.equal(messages.at(-1).event, 'end');
  const deltas = messages.slice(1, -1).map((m) => {
    assert.equal(m.event, 'delta');
    return m.delta;
  });
  return { start: messages[0].start, deltas, usage: messages.at(-1).end.usage };
}

function textOf(deltas, index = 0) {
  return deltas.filter((d) => d.index === index).map((d) => d.text).join('');
}

function assertGrpcError(error, code, param) {
  assert.equal(error.code, code, `status ${error.code}: ${error.details}`);
  if (param !== undefined) assert.deepEqual(error.metadata.get('granary-error-param'), [param]);
  return true;
}

test('health checks are open and serving', async () => {
  for (const service of ['', 'granary.v1.InferenceService', 'liveness']) {
    const response = await unary(health, 'Check', { service }, new grpc.Metadata());
    assert.equal(response.status, 'SERVING', `service '${service}'`);
  }
});

test('lists the served model', async () => {
  const response = await unary(inference, 'ListModels', {});
  const served = response.models.find((m) => m.id === model);
  assert.ok(served, `models: ${response.models.map((m) => m.id)}`);
  assert.ok(served.max_model_length > 0);
});

test('generate streams start, deltas and usage, ending at max_tokens', async () => {
  const messages = await stream('Generate', {
    model,
    prompt: 'Once upon a time',
    sampling: { temperature: 0, max_tokens: 8, ignore_eos: true },
  });
  const { start, deltas, usage } = parse(messages);
  assert.match(start.request_id, /^cmpl-/);
  assert.equal(start.model, model);
  assert.ok(start.prompt.token_count > 0);
  assert.ok(deltas.every((d) => d.index === 0));
  const last = deltas.at(-1);
  assert.equal(last.finish_reason, 'FINISH_REASON_LENGTH');
  assert.ok(deltas.slice(0, -1).every((d) => d.finish_reason === 'FINISH_REASON_UNSPECIFIED'));
  assert.equal(last.completion_tokens, 8);
  assert.equal(deltas.flatMap((d) => d.token_ids).length, 8);
  assert.deepEqual(usage, {
    prompt_tokens: start.prompt.token_count,
    completion_tokens: 8,
    total_tokens: start.prompt.token_count + 8,
    cached_tokens: usage.cached_tokens,
  });
});

test('greedy generation is repeatable, from text or from its token ids', async () => {
  const tokens = await unary(inference, 'Tokenize', { model, prompt: 'The capital of France is' });
  const request = { model, sampling: { temperature: 0, max_tokens: 6 } };
  const fromText = parse(await stream('Generate', { ...request, prompt: 'The capital of France is' }));
  const fromIds = parse(await stream('Generate', { ...request, prompt_token_ids: tokens.tokens }));
  assert.equal(textOf(fromIds.deltas), textOf(fromText.deltas));
  assert.equal(fromIds.start.prompt.token_count, tokens.count);
});

test('echo returns the prompt in the start message', async () => {
  const { start } = parse(await stream('Generate', { model, prompt: 'Hello there', echo: true, sampling: { max_tokens: 1 } }));
  assert.equal(start.prompt.text, 'Hello there');
  assert.equal(start.prompt.token_ids.length, start.prompt.token_count);
});

test('chat streams every choice with logprobs', async () => {
  const messages = await stream('Chat', {
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hello.' },
    ],
    sampling: { n: 2, max_tokens: 5, logprobs: 2, seed: 7 },
  });
  const { start, deltas, usage } = parse(messages);
  assert.match(start.request_id, /^chatcmpl-/);
  for (const index of [0, 1]) {
    const own = deltas.filter((d) => d.index === index);
    const last = own.at(-1);
    assert.ok(['FINISH_REASON_STOP', 'FINISH_REASON_LENGTH'].includes(last.finish_reason), `choice ${index}: ${last.finish_reason}`);
    assert.ok(last.completion_tokens >= 1 && last.completion_tokens <= 5);
    for (const delta of own) {
      assert.equal(delta.logprobs.length, delta.token_ids.length);
      for (const logprob of delta.logprobs) {
        assert.ok(logprob.logprob <= 0);
        assert.ok(logprob.top.length >= 1);
      }
    }
  }
  const finals = [0, 1].map((i) => deltas.filter((d) => d.index === i).at(-1).completion_tokens);
  assert.equal(usage.completion_tokens, finals[0] + finals[1]);
});

test('tokenize and detokenize round-trip text', async () => {
  const tokens = await unary(inference, 'Tokenize', { model, prompt: 'Hello world', add_special_tokens: false, return_token_strings: true });
  assert.equal(tokens.count, tokens.tokens.length);
  assert.equal(tokens.token_strings.length, tokens.tokens.length);
  assert.ok(tokens.max_model_length > 0);
  const text = await unary(inference, 'Detokenize', { model, tokens: tokens.tokens });
  assert.equal(text.text, 'Hello world');
});

test('a conversation tokenizes like the prompt a chat renders', async () => {
  const messages = [{ role: 'user', content: 'Say hello.' }];
  const tokens = await unary(inference, 'Tokenize', { model, messages });
  const { start } = parse(await stream('Chat', { model, messages, sampling: { max_tokens: 1 } }));
  assert.equal(tokens.count, start.prompt.token_count);
});

test('an unknown model is NOT_FOUND', async () => {
  await assert.rejects(stream('Generate', { model: 'no-such-model', prompt: 'hi' }), (error) => {
    assertGrpcError(error, grpc.status.NOT_FOUND, 'model');
    assert.match(error.details, new RegExp(model));
    return true;
  });
});

test('an out-of-range parameter is INVALID_ARGUMENT naming it', async () => {
  await assert.rejects(stream('Chat', { model, messages: [{ role: 'user', content: 'hi' }], sampling: { temperature: 3 } }),
    (error) => assertGrpcError(error, grpc.status.INVALID_ARGUMENT, 'sampling.temperature'));
});

test('a prompt longer than the context window is INVALID_ARGUMENT', async () => {
  const { models } = await unary(inference, 'ListModels', {});
  const window = models.find((m) => m.id === model).max_model_length;
  await assert.rejects(stream('Generate', { model, prompt_token_ids: new Array(window + 1).fill(1), sampling: { max_tokens: 1 } }),
    (error) => assertGrpcError(error, grpc.status.INVALID_ARGUMENT));
});

test('a cancelled stream ends CANCELLED and the server keeps serving', async () => {
  const call = inference.Generate({ model, prompt: 'Count forever:', sampling: { max_tokens: 400, ignore_eos: true } }, metadata());
  const outcome = new Promise((resolve) => {
    call.on('data', (message) => {
      if (message.event === 'delta') call.cancel();
    });
    call.on('error', resolve);
    call.on('end', () => resolve(null));
  });
  const error = await outcome;
  assert.ok(error, 'the stream ended normally instead of being cancelled');
  assert.equal(error.code, grpc.status.CANCELLED);
  const after = parse(await stream('Generate', { model, prompt: 'Hi', sampling: { max_tokens: 2, ignore_eos: true } }));
  assert.equal(after.usage.completion_tokens, 2);
});

test('a wrong key is UNAUTHENTICATED', { skip: !apiKey && 'the server has no API key' }, async () => {
  await assert.rejects(unary(inference, 'ListModels', {}, metadata('not-the-key')),
    (error) => assertGrpcError(error, grpc.status.UNAUTHENTICATED));
  await assert.rejects(unary(inference, 'ListModels', {}, new grpc.Metadata()),
    (error) => assertGrpcError(error, grpc.status.UNAUTHENTICATED));
});

test.after(() => {
  inference.close();
  health.close();
});
