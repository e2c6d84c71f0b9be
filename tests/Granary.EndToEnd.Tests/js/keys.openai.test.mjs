// API key scopes and limits through the official openai package, against a server started with the
// keys file of ApiKeyLimitTests.cs (GRANARY_URL, GRANARY_MODEL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = `${process.env.GRANARY_URL}/v1`;
const model = process.env.GRANARY_MODEL ?? 'tiny-llama3';
// No retries: the package would otherwise wait out Retry-After and try again.
const clientFor = (apiKey) => new OpenAI({ baseURL, apiKey, maxRetries: 0 });

const complete = (client, max_tokens = 4) =>
  client.completions.create({ model, prompt: 'Hi', max_tokens, temperature: 0 }).withResponse();

test('a key scoped to other models gets PermissionDeniedError and an empty model list', async () => {
  const scoped = clientFor('e2e-scoped');
  await assert.rejects(
    scoped.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 4 }),
    (error) => {
      assert.ok(error instanceof OpenAI.PermissionDeniedError, `${error}`);
      assert.equal(error.status, 403);
      assert.equal(error.code, 'model_not_allowed');
      assert.equal(error.param, 'model');
      return true;
    });
  assert.deepEqual((await scoped.models.list()).data, []);
  assert.ok((await clientFor('e2e-open').models.list()).data.some((m) => m.id === model));
});

test('requests per minute: the headers count down, then RateLimitError with Retry-After', async () => {
  const limited = clientFor('e2e-rpm');
  const first = await complete(limited);
  const second = await complete(limited);
  assert.equal(first.response.headers.get('x-ratelimit-limit-requests'), '2');
  assert.equal(first.response.headers.get('x-ratelimit-remaining-requests'), '1');
  assert.match(first.response.headers.get('x-ratelimit-reset-requests'), /^\d+(\.\d+)?(ms|s)$/);
  assert.equal(second.response.headers.get('x-ratelimit-remaining-requests'), '0');
  assert.equal(first.response.headers.get('x-ratelimit-limit-tokens'), null);

  await assert.rejects(complete(limited), (error) => {
    assert.ok(error instanceof OpenAI.RateLimitError, `${error}`);
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.type, 'requests');
    const retryAfter = Number(error.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `retry-after ${retryAfter}`);
    assert.equal(error.headers.get('x-ratelimit-remaining-requests'), '0');
    return true;
  });
});

test('tokens per minute: the prompt estimate plus max_tokens is charged, a request over the whole budget is too large', async () => {
  const limited = clientFor('e2e-tpm');
  // "Hi" is one token by the 4-characters estimate, plus max_tokens 100: 101 of 150.
  const { data, response } = await complete(limited, 100);
  assert.equal(data.object, 'text_completion');
  assert.equal(response.headers.get('x-ratelimit-limit-tokens'), '150');
  const remaining = Number(response.headers.get('x-ratelimit-remaining-tokens'));
  assert.ok(remaining >= 49 && remaining <= 52, `remaining ${remaining}`);

  await assert.rejects(complete(limited, 100), (error) => {
    assert.ok(error instanceof OpenAI.RateLimitError, `${error}`);
    assert.equal(error.type, 'tokens');
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.ok(Number(error.headers.get('retry-after')) >= 1);
    return true;
  });
  // The package's default retries obey x-should-retry: false, so the refusal comes at once.
  const started = Date.now();
  await assert.rejects(
    new OpenAI({ baseURL, apiKey: 'e2e-tpm' }).completions.create({ model, prompt: 'Hi', max_tokens: 500 }),
    (error) => {
      assert.ok(error instanceof OpenAI.RateLimitError, `${error}`);
      assert.equal(error.code, 'request_too_large');
      assert.equal(error.headers.get('retry-after'), null);
      assert.equal(error.headers.get('x-should-retry'), 'false');
      return true;
    });
  // Two retries would add at least 1.1 s of backoff.
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms: retried?`);
});
