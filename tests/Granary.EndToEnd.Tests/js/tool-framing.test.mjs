// Forced tool calls always finish whole, through the official openai package (GRANARY_URL, GRANARY_MODEL):
// a named tool_choice makes exactly one call of that function, required without parallel calls exactly
// one, at the tightest budget that fits too; a budget that cannot fit the shortest call is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { llama31ToolTemplate, weatherTool, timeTool, assertWeatherCall } from './tools.mjs';

const client = new OpenAI({ baseURL: `${process.env.GRANARY_URL}/v1`, apiKey: 'unused', maxRetries: 0 });
const model = process.env.GRANARY_MODEL ?? 'tiny-llama3';
const base = {
  model,
  messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  tools: [weatherTool, timeTool],
  chat_template: llama31ToolTemplate,
  temperature: 1,
};
const named = { type: 'function', function: { name: 'get_weather' } };

// Tries budgets upward until the server stops refusing: that is the shortest completion's length.
// (Two tools make a ~460-token prompt, so room to spare is a few tokens in the 512-token window.)
async function tightestBudget(request) {
  for (let budget = 4; budget <= 200; budget++) {
    try {
      return { budget, completion: await client.chat.completions.create({ ...request, max_tokens: budget }) };
    } catch (error) {
      assert.ok(error instanceof OpenAI.BadRequestError, `budget ${budget}: ${error}`);
      assert.equal(error.code, 'max_tokens_too_small', error.message);
    }
  }
  assert.fail('no budget up to 200 fits one call');
}

test('a named tool_choice makes exactly one call of that function, whole, even at the tightest budget', async () => {
  const { budget, completion } = await tightestBudget({ ...base, tool_choice: named, seed: 1 });
  for (const [seed, maxTokens] of [[1, budget], [2, budget], [3, budget + 2], [4, budget + 6]]) {
    const reply = seed === 1 && maxTokens === budget
      ? completion
      : await client.chat.completions.create({ ...base, tool_choice: named, seed, max_tokens: maxTokens });
    const choice = reply.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls', `seed ${seed}, max_tokens ${maxTokens}`);
    assert.ok(!choice.message.content, `content leaked: ${JSON.stringify(choice.message.content)}`);
    assert.equal(choice.message.tool_calls.length, 1);
    assertWeatherCall(choice.message.tool_calls[0]);
  }
});

test('streamed, the named call arrives as one call with no content', async () => {
  const { budget } = await tightestBudget({ ...base, tool_choice: named, seed: 5 });
  const stream = await client.chat.completions.create({ ...base, tool_choice: named, seed: 5, max_tokens: budget + 4, stream: true });
  const calls = new Map();
  let content = '';
  let finish;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta?.content ?? '';
    for (const delta of choice.delta?.tool_calls ?? []) {
      const call = calls.get(delta.index) ?? { id: delta.id, type: 'function', function: { name: '', arguments: '' } };
      call.function.name += delta.function?.name ?? '';
      call.function.arguments += delta.function?.arguments ?? '';
      calls.set(delta.index, call);
    }
    finish = choice.finish_reason ?? finish;
  }
  assert.equal(finish, 'tool_calls');
  assert.equal(content, '');
  assert.deepEqual([...calls.keys()], [0]);
  assertWeatherCall(calls.get(0));
});

test('required without parallel calls makes exactly one whole call at its tightest budget', async () => {
  const request = { ...base, tool_choice: 'required', parallel_tool_calls: false, seed: 7 };
  const { budget, completion } = await tightestBudget(request);
  for (const reply of [completion, await client.chat.completions.create({ ...request, seed: 8, max_tokens: budget })]) {
    const choice = reply.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.ok(!choice.message.content);
    assert.equal(choice.message.tool_calls.length, 1);
    const call = choice.message.tool_calls[0];
    assert.ok(['get_weather', 'get_time'].includes(call.function.name), call.function.name);
    JSON.parse(call.function.arguments);
  }
});
