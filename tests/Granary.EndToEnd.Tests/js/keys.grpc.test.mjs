// API key scopes and limits through @grpc/grpc-js, against a server started with the keys file of
// ApiKeyLimitTests.cs (GRANARY_GRPC_URL, GRANARY_URL for the HTTP side, GRANARY_MODEL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const model = process.env.GRANARY_MODEL ?? 'tiny-llama3';
const target = new URL(process.env.GRANARY_GRPC_URL ?? 'http://127.0.0.1:8001');
const loaderOptions = { keepCase: true, enums: String, longs: Number, defaults: true, oneofs: true };
const protosRoot = fileURLToPath(new URL('../../../protos', import.meta.url));
const definition = protoLoader.loadSync('granary/v1/inference.proto', { ...loaderOptions, includeDirs: [protosRoot] });
const { InferenceService } = grpc.loadPackageDefinition(definition).granary.v1;
const inference = new InferenceService(target.host, grpc.credentials.createInsecure());

function bearer(key) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  return metadata;
}

/** A Generate stream's messages and its final status (with trailers); rejects with the error on failure. */
function generate(key) {
  return new Promise((resolve, reject) => {
    const call = inference.Generate({ model, prompt: 'Hi', sampling: { max_tokens: 4 } }, bearer(key), { deadline: Date.now() + 60_000 });
    const messages = [];
    call.on('data', (message) => messages.push(message));
    call.on('error', reject);
    call.on('status', (status) => { if (status.code === grpc.status.OK) resolve({ messages, trailers: status.metadata }); });
  });
}

function listModels(key) {
  return new Promise((resolve, reject) => {
    inference.ListModels({}, bearer(key), { deadline: Date.now() + 60_000 }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

test('a key scoped to other models is PERMISSION_DENIED and lists none', async () => {
  await assert.rejects(generate('e2e-scoped'), (error) => {
    assert.equal(error.code, grpc.status.PERMISSION_DENIED, `${error.code}: ${error.details}`);
    assert.deepEqual(error.metadata.get('granary-error-code'), ['model_not_allowed']);
    assert.deepEqual(error.metadata.get('granary-error-param'), ['model']);
    return true;
  });
  assert.deepEqual((await listModels('e2e-scoped')).models, []);
});

test('requests per minute: trailers on success, then RESOURCE_EXHAUSTED with retry-after', async () => {
  const { messages, trailers } = await generate('e2e-grpc-rpm');
  assert.equal(messages.at(-1).event, 'end');
  assert.deepEqual(trailers.get('x-ratelimit-limit-requests'), ['1']);
  assert.deepEqual(trailers.get('x-ratelimit-remaining-requests'), ['0']);
  assert.equal(trailers.get('x-ratelimit-reset-requests').length, 1);

  await assert.rejects(generate('e2e-grpc-rpm'), (error) => {
    assert.equal(error.code, grpc.status.RESOURCE_EXHAUSTED, `${error.code}: ${error.details}`);
    assert.deepEqual(error.metadata.get('granary-error-code'), ['rate_limit_exceeded']);
    const [retryAfter] = error.metadata.get('retry-after');
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60, `retry-after ${retryAfter}`);
    assert.deepEqual(error.metadata.get('x-ratelimit-remaining-requests'), ['0']);
    return true;
  });
});

test('HTTP and gRPC calls of a key spend the same budget', async () => {
  const response = await fetch(`${process.env.GRANARY_URL}/v1/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer e2e-shared', 'content-type': 'application/json' },
    body: JSON.stringify({ model, prompt: 'Hi', max_tokens: 2 }),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '0');

  await assert.rejects(generate('e2e-shared'), (error) => {
    assert.equal(error.code, grpc.status.RESOURCE_EXHAUSTED, `${error.code}: ${error.details}`);
    return true;
  });
});
