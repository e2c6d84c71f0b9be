// The web console in headless Chromium (the system's, never a downloaded one) against a running server:
// GRANARY_URL, GRANARY_API_KEY (the page must ask for it), GRANARY_MODEL, CHROMIUM_PATH, SCREENSHOT_DIR.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { llama31ToolTemplate } from './tools.mjs';

const url = process.env.GRANARY_URL;
const key = process.env.GRANARY_API_KEY;
const model = process.env.GRANARY_MODEL ?? 'tiny-llama3';
const screenshots = process.env.SCREENSHOT_DIR;
// A 2-core machine running the server and the browser side by side is slow; bounded all the same.
const SLOW = 120_000;

let browser;
let page;
const problems = [];

before(async () => {
  assert.ok(process.env.CHROMIUM_PATH, 'CHROMIUM_PATH is not set');
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
    headless: true,
    timeout: SLOW,
    // Root in a container has no user namespaces for the sandbox; /dev/shm may be tiny there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(SLOW);
  // Any script error or CSP violation fails the suite (a 401 before the key is given is expected).
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
});

/** A full-page shot from the top, so the sticky bar is where it belongs. */
async function screenshot(name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshots, name), fullPage: true });
}

after(async () => {
  await browser?.close();
});

test('the page loads and asks for the API key', async () => {
  const response = await page.goto(`${url}/`);
  assert.equal(response.status(), 200);
  assert.equal(await page.title(), 'Granary console');
  if (key) {
    const dialog = page.locator('#key-dialog');
    await dialog.waitFor({ state: 'visible' });
    await page.fill('#key-input', key);
    await page.click('#key-save');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('granary.apiKey')), key);
  }
  await page.locator(`#model option[value="${model}"]`).waitFor({ state: 'attached' });
  assert.equal(await page.inputValue('#model'), model);
});

test('a chat streams into the playground with its finish reason and usage', async () => {
  await page.fill('#temperature', '0');
  await page.fill('#seed', '7');
  await page.fill('#max-tokens', '24');
  assert.ok(await page.isChecked('#stream'));

  const streamed = page.waitForResponse((r) => r.url().endsWith('/v1/chat/completions'));
  await page.click('#send');
  const response = await streamed;
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^text\/event-stream/);
  const sent = JSON.parse(response.request().postData());
  assert.equal(sent.stream, true);
  assert.equal(sent.temperature, 0);
  assert.equal(sent.seed, 7);
  assert.equal(sent.model, model);
  assert.equal(response.request().headers().authorization, key ? `Bearer ${key}` : undefined);

  await page.locator('#response-state.ok').waitFor();
  const output = await page.textContent('#output');
  assert.ok(output.trim().length > 0, 'no streamed text');
  assert.match(await page.textContent('#finish-reason'), /^(stop|length)$/);
  assert.match(await page.textContent('#usage'), /^\d+ prompt.* \+ \d+ completion = \d+$/);
  assert.notEqual(await page.textContent('#ttft'), '–');
  await screenshot('playground.png');
});

test('JSON-schema mode constrains the reply to the schema', async () => {
  await page.check('input[name="mode"][value="json"]');
  await page.fill('#schema', JSON.stringify({
    type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false,
  }));
  await page.fill('#max-tokens', '60');
  const answered = page.waitForResponse((r) => r.url().endsWith('/v1/chat/completions'));
  await page.click('#send');
  const sent = JSON.parse((await answered).request().postData());
  assert.equal(sent.response_format.type, 'json_schema');
  await page.locator('#response-state.ok').waitFor();
  assert.equal(await page.textContent('#finish-reason'), 'stop');
  const reply = JSON.parse(await page.textContent('#output'));
  assert.deepEqual(Object.keys(reply), ['ok']);
  assert.equal(typeof reply.ok, 'boolean');
});

test('tool mode shows the call a named tool_choice forces', async () => {
  await page.check('input[name="mode"][value="tools"]');
  await page.locator('#tool-choice option[value="function:get_weather"]').waitFor({ state: 'attached' });
  await page.selectOption('#tool-choice', 'function:get_weather');
  // The bundled model's own template teaches no tool call format; this one does (as the openai suites send it).
  await page.click('.advanced summary');
  await page.fill('#chat-template', llama31ToolTemplate);
  await page.fill('#max-tokens', '100');
  const answered = page.waitForResponse((r) => r.url().endsWith('/v1/chat/completions'));
  await page.click('#send');
  const response = await answered;
  const sent = JSON.parse(response.request().postData());
  assert.deepEqual(sent.tool_choice, { type: 'function', function: { name: 'get_weather' } });
  assert.equal(sent.tools[0].function.name, 'get_weather');
  await page.locator('#response-state.ok').waitFor();
  const call = page.locator('#tool-calls .tool-call');
  assert.equal(await call.count(), 1);
  assert.equal(await call.locator('strong').textContent(), 'get_weather');
  const args = JSON.parse(await call.locator('pre').textContent());
  assert.equal(typeof args.city, 'string');
  await screenshot('tools.png');
  await page.check('input[name="mode"][value="text"]');
});

test('the cluster view lists the replica and the chat just served', async () => {
  await page.click('#tab-cluster');
  await page.locator('body[data-cluster-loaded="true"]').waitFor();
  const card = page.locator(`.model-card[data-model="${model}"]`);
  await card.waitFor();
  assert.match(await card.locator('header .badge').textContent(), /^ready$/);
  const replicas = card.locator('tr[data-replica]');
  assert.ok(await replicas.count() >= 1, 'no replica listed');
  assert.equal(await replicas.first().locator('.badge').textContent(), 'serving');
  assert.ok((await page.locator('#silos tbody tr').count()) >= 1, 'no silo listed');

  // The log is written once the response is complete; the view refreshes itself every 2 s.
  const served = page.locator('#recent tbody tr', { hasText: model }).filter({ hasText: '200' });
  await served.first().waitFor();
  await screenshot('cluster.png');
});

test('no script errors or policy violations', () => {
  assert.deepEqual(problems, []);
});
