// The official openai package against a running Granary server (GRANARY_URL, GRANARY_API_KEY, GRANARY_MODEL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { llama31ToolTemplate, weatherTool, assertWeatherCall } from './tools.mjs';

const baseURL = `${process.env.GRANARY_URL}/v1`;
const model = process.env.GRANARY_MODEL ?? 'tiny-llama3';
const client = new OpenAI({ baseURL, apiKey: process.env.GRANARY_API_KEY, maxRetries: 0 });

test('lists the served model', async () => {
  const models = await client.models.list();
  const ids = models.data.map((m) => m.id);
  assert.ok(ids.includes(model), `models: ${ids}`);
  const one = await client.models.retrieve(model);
  assert.equal(one.id, model);
  assert.equal(one.object, 'model');
});

test('chat completion', async () => {
  const completion = await client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hello.' },
    ],
    max_tokens: 12,
    temperature: 0,
  });
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.model, model);
  assert.equal(completion.choices.length, 1);
  const [choice] = completion.choices;
  assert.equal(choice.index, 0);
  assert.equal(choice.message.role, 'assistant');
  assert.equal(typeof choice.message.content, 'string');
  assert.ok(['stop', 'length'].includes(choice.finish_reason));
  assert.ok(completion.usage.prompt_tokens > 0);
  assert.ok(completion.usage.completion_tokens > 0 && completion.usage.completion_tokens <= 12);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);
});

test('streamed chat matches the non-streamed text and ends with usage', async () => {
  const request = { model, messages: [{ role: 'user', content: 'Count to five.' }], max_tokens: 16, temperature: 0 };
  const plain = await client.chat.completions.create(request);
  const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let finish = null;
  let usage = null;
  let role = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      role ??= choice.delta.role ?? null;
      text += choice.delta.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  assert.equal(role, 'assistant');
  assert.equal(text, plain.choices[0].message.content);
  assert.equal(finish, plain.choices[0].finish_reason);
  assert.equal(usage.prompt_tokens, plain.usage.prompt_tokens);
  assert.equal(usage.completion_tokens, plain.usage.completion_tokens);
  assert.equal(usage.total_tokens, plain.usage.total_tokens);
});

test('completions, plain and streamed', async () => {
  const completion = await client.completions.create({ model, prompt: 'Once upon a time', max_tokens: 8, temperature: 0 });
  assert.equal(completion.object, 'text_completion');
  assert.equal(completion.choices[0].index, 0);
  assert.equal(completion.usage.completion_tokens, 8);
  assert.equal(completion.choices[0].finish_reason, 'length');

  const stream = await client.completions.create({ model, prompt: 'Once upon a time', max_tokens: 8, temperature: 0, stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
  assert.equal(text, completion.choices[0].text);
});

test('an unknown model is a 404 naming the served ones', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    (error) => {
      assert.ok(error instanceof OpenAI.NotFoundError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 404);
      assert.match(error.message, new RegExp(model));
      return true;
    },
  );
});

test('an out-of-range parameter is a 400 naming it', async () => {
  await assert.rejects(
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], temperature: 3 }),
    (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'temperature');
      return true;
    },
  );
});

test('a wrong key is a 401', async () => {
  const stranger = new OpenAI({ baseURL, apiKey: 'not-the-key', maxRetries: 0 });
  await assert.rejects(stranger.models.list(), (error) => error instanceof OpenAI.AuthenticationError);
});

test('n choices, each complete, usage summed', async () => {
  const completion = await client.chat.completions.create({
    model, messages: [{ role: 'user', content: 'Pick a word.' }], n: 3, max_tokens: 6, temperature: 1, seed: 5,
  });
  assert.deepEqual(completion.choices.map((c) => c.index), [0, 1, 2]);
  assert.equal(completion.usage.completion_tokens, 18);
  assert.ok(new Set(completion.choices.map((c) => c.message.content)).size > 1, 'three seeded samples should not all agree');
});

test('the same seed reproduces the same sample', async () => {
  const request = { model, prompt: 'The weather today', max_tokens: 12, temperature: 1, seed: 42 };
  const first = await client.completions.create(request);
  const second = await client.completions.create(request);
  assert.equal(first.choices[0].text, second.choices[0].text);
});

test('a stop string ends the text before it, plain and streamed', async () => {
  const base = { model, prompt: 'Once upon a time', max_tokens: 16, temperature: 0 };
  const full = (await client.completions.create(base)).choices[0].text;
  // The tiny model's text is noise: take the first clean three characters past the start as the stop.
  let at = 2;
  while (at + 3 <= full.length && (full.slice(at, at + 3).includes('\uFFFD') || full.indexOf(full.slice(at, at + 3)) !== at)) at++;
  const stop = full.slice(at, at + 3);
  assert.equal(stop.length, 3, `no usable stop in ${JSON.stringify(full)}`);
  const expected = full.slice(0, full.indexOf(stop));

  const plain = await client.completions.create({ ...base, stop: [stop] });
  assert.equal(plain.choices[0].text, expected);
  assert.equal(plain.choices[0].finish_reason, 'stop');

  let streamed = '';
  for await (const chunk of await client.completions.create({ ...base, stop: stop, stream: true })) streamed += chunk.choices[0]?.text ?? '';
  assert.equal(streamed, expected);
});

test('chat logprobs with top_logprobs', async () => {
  const completion = await client.chat.completions.create({
    model, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 4, temperature: 0, logprobs: true, top_logprobs: 3,
  });
  const content = completion.choices[0].logprobs.content;
  assert.equal(content.length, 4);
  for (const entry of content) {
    assert.equal(typeof entry.token, 'string');
    assert.ok(entry.logprob <= 0);
    assert.ok(Array.isArray(entry.bytes));
    assert.equal(entry.top_logprobs.length, 3);
    // greedy: the chosen token is the most likely one
    assert.equal(entry.top_logprobs[0].logprob, entry.logprob);
  }
});

test('completion logprobs and echo', async () => {
  const completion = await client.completions.create({ model, prompt: 'Hello world', max_tokens: 3, temperature: 0, logprobs: 2, echo: true });
  const [choice] = completion.choices;
  assert.ok(choice.text.startsWith('Hello world'));
  const { tokens, token_logprobs: logprobs, top_logprobs: top, text_offset: offsets } = choice.logprobs;
  assert.equal(tokens.length, completion.usage.prompt_tokens + 3);
  assert.equal(logprobs[0], null);
  assert.equal(logprobs.length, tokens.length);
  assert.equal(offsets.length, tokens.length);
  assert.ok(top.slice(1).every((t) => Object.keys(t).length >= 1));
});

// Forced calls need constrained decoding: the tiny random model never writes a call on its own.
test('tool round trip: a required call, a streamed named call, then the result sent back', async () => {
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const request = { model, messages, tools: [weatherTool], max_tokens: 160, temperature: 0, chat_template: llama31ToolTemplate };

  // One call: a random model left free to add more (parallel calls) might not stop before max_tokens.
  const first = await client.chat.completions.create({ ...request, tool_choice: 'required', parallel_tool_calls: false });
  const [choice] = first.choices;
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.equal(choice.message.role, 'assistant');
  assert.equal(choice.message.content, null);
  assert.ok(choice.message.tool_calls.length >= 1);
  choice.message.tool_calls.forEach(assertWeatherCall);

  // Streamed with the function named: the deltas assemble into one well-formed call.
  const stream = await client.chat.completions.create({
    ...request, tool_choice: { type: 'function', function: { name: 'get_weather' } }, parallel_tool_calls: false, stream: true,
  });
  const streamed = [];
  let finish = null;
  for await (const chunk of stream) {
    for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
      if (delta.id) streamed[delta.index] = { id: delta.id, type: delta.type, function: { name: delta.function.name, arguments: '' } };
      streamed[delta.index].function.arguments += delta.function.arguments ?? '';
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(finish, 'tool_calls');
  assert.equal(streamed.length, 1);
  assertWeatherCall(streamed[0]);

  // The assistant turn goes back as received, with the tool's result; the model answers in text.
  const call = choice.message.tool_calls[0];
  const answer = await client.chat.completions.create({
    ...request,
    messages: [...messages, choice.message, { role: 'tool', tool_call_id: call.id, content: JSON.stringify({ temp: 21, unit: 'c' }) }],
    tool_choice: 'none',
    max_tokens: 16,
  });
  assert.equal(typeof answer.choices[0].message.content, 'string');
  assert.equal(answer.choices[0].message.tool_calls, undefined);
  assert.ok(['stop', 'length'].includes(answer.choices[0].finish_reason));
  assert.ok(answer.usage.prompt_tokens > first.usage.prompt_tokens);
});

test('response_format json_schema is enforced, plain and streamed', async () => {
  const schema = {
    type: 'object',
    properties: { answer: { type: 'string', maxLength: 12 }, confidence: { type: 'integer', minimum: 0, maximum: 100 } },
    required: ['answer', 'confidence'],
    additionalProperties: false,
  };
  const request = {
    model, messages: [{ role: 'user', content: 'Answer in JSON.' }], max_tokens: 120, temperature: 1, seed: 3,
    response_format: { type: 'json_schema', json_schema: { name: 'verdict', schema, strict: true } },
  };
  const plain = await client.chat.completions.create(request);
  assert.equal(plain.choices[0].finish_reason, 'stop');
  const value = JSON.parse(plain.choices[0].message.content);
  assert.deepEqual(Object.keys(value), ['answer', 'confidence']);
  assert.ok(value.answer.length <= 12 && Number.isInteger(value.confidence) && value.confidence >= 0 && value.confidence <= 100);

  let streamed = '';
  for await (const chunk of await client.chat.completions.create({ ...request, stream: true })) streamed += chunk.choices[0]?.delta?.content ?? '';
  assert.equal(streamed, plain.choices[0].message.content); // same seed, same constrained sample
});

test('an unsupported schema keyword is a 400 naming it', async () => {
  await assert.rejects(
    client.chat.completions.create({
      model, messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', patternProperties: { '^a': {} } } } },
    }),
    (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.match(error.message, /patternProperties/);
      return true;
    },
  );
});
