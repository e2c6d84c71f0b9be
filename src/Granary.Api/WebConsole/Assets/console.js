// Granary's web console: a playground for /v1/chat/completions and a live view of /v1/cluster.
// Plain DOM, no framework and no build step; everything user- or server-supplied goes in as text.

const KEY_STORAGE = 'granary.apiKey';
const REFRESH_MS = 2000;

const $ = (id) => document.getElementById(id);

/** Creates an element: h('td', { className: 'num' }, 'text', childNode). */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name in element) element[name] = value;
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

// ---------------------------------------------------------------------------------------------
// API access: the key lives in sessionStorage; a 401 asks for one.

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

async function errorOf(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body?.error?.message) message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) askForKey(message);
  return new ApiError(response.status, message);
}

async function getJson(path) {
  const response = await fetch(path, { headers: headers(), cache: 'no-store' });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

function showNotice(message) {
  const notice = $('notice');
  notice.textContent = message ?? '';
  notice.hidden = !message;
}

// ---------------------------------------------------------------------------------------------
// The key dialog.

function askForKey(reason) {
  $('key-reason').textContent = `${reason ? `${reason} ` : ''}The key is kept in this tab only (sessionStorage).`;
  $('key-input').value = apiKey();
  const dialog = $('key-dialog');
  if (!dialog.open) dialog.showModal();
  $('key-input').focus();
}

function closeKeyDialog(changed) {
  $('key-dialog').close();
  updateKeyState();
  if (changed) {
    showNotice('');
    loadModels();
    if (currentView() === 'cluster') refreshCluster();
  }
}

function updateKeyState() {
  $('key-state').textContent = apiKey() ? 'key set' : '';
}

function setUpKeyDialog() {
  $('key-button').addEventListener('click', () => askForKey(''));
  $('key-save').addEventListener('click', () => {
    sessionStorage.setItem(KEY_STORAGE, $('key-input').value.trim());
    closeKeyDialog(true);
  });
  $('key-clear').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    closeKeyDialog(true);
  });
  $('key-cancel').addEventListener('click', () => closeKeyDialog(false));
  $('key-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') $('key-save').click();
  });
  updateKeyState();
}

// ---------------------------------------------------------------------------------------------
// Views: #playground and #cluster.

function currentView() {
  return location.hash === '#cluster' ? 'cluster' : 'playground';
}

function showView() {
  const view = currentView();
  for (const name of ['playground', 'cluster']) {
    $(`view-${name}`).hidden = name !== view;
    $(`tab-${name}`).setAttribute('aria-selected', String(name === view));
  }
  if (view === 'cluster') refreshCluster();
}

// ---------------------------------------------------------------------------------------------
// Playground: models.

async function loadModels() {
  const select = $('model');
  const previous = select.value;
  try {
    const list = await getJson('/v1/models');
    select.replaceChildren(...list.data.map((model) => {
      const state = model.state && model.state !== 'ready' ? ` (${model.state})` : '';
      return h('option', { value: model.id }, `${model.id}${state}`);
    }));
    if (list.data.length === 0) select.append(h('option', { value: '' }, 'no models served'));
    if (list.data.some((m) => m.id === previous)) select.value = previous;
  } catch (error) {
    select.replaceChildren(h('option', { value: '' }, 'models unavailable'));
    if (error.status !== 401) showNotice(`Could not list models: ${error.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Playground: the messages editor.

const ROLES = ['system', 'user', 'assistant'];
const DEFAULT_MESSAGES = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Write a haiku about grain silos.' },
];

function addMessage(role = 'user', content = '') {
  const text = h('textarea', { rows: 3, spellcheck: true, value: content, className: 'message-content' });
  text.placeholder = `${role} message`;
  const select = h('select', { className: 'message-role', 'aria-label': 'role' },
    ROLES.map((r) => h('option', { value: r, selected: r === role }, r)));
  select.addEventListener('change', () => { text.placeholder = `${select.value} message`; });
  const remove = h('button', { type: 'button', className: 'ghost icon', title: 'Remove', 'aria-label': 'Remove message' }, '×');
  const row = h('div', { className: 'message' }, select, text, remove);
  remove.addEventListener('click', () => row.remove());
  $('messages').append(row);
  return text;
}

function resetMessages() {
  $('messages').replaceChildren();
  for (const message of DEFAULT_MESSAGES) addMessage(message.role, message.content);
}

function readMessages() {
  return [...$('messages').querySelectorAll('.message')]
    .map((row) => ({ role: row.querySelector('.message-role').value, content: row.querySelector('.message-content').value }))
    .filter((m) => m.content.trim() !== '' || m.role === 'assistant');
}

// ---------------------------------------------------------------------------------------------
// Playground: tools and JSON-schema modes.

const DEFAULT_TOOLS = [{
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The current weather in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
}];

const DEFAULT_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
  required: ['answer', 'confidence'],
  additionalProperties: false,
};

function mode() {
  return document.querySelector('input[name="mode"]:checked').value;
}

function showMode() {
  $('mode-tools').hidden = mode() !== 'tools';
  $('mode-json').hidden = mode() !== 'json';
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${error.message}`);
  }
}

/** Keeps tool_choice's options in step with the tools editor: auto, none, required, then each function by name. */
function updateToolChoices() {
  const select = $('tool-choice');
  const previous = select.value || 'auto';
  let names = [];
  try {
    const tools = JSON.parse($('tools').value);
    if (Array.isArray(tools)) names = tools.map((t) => t?.function?.name).filter((n) => typeof n === 'string');
    $('tools').classList.remove('invalid');
  } catch {
    $('tools').classList.add('invalid');
  }
  select.replaceChildren(
    ...['auto', 'none', 'required'].map((v) => h('option', { value: v }, v)),
    ...names.map((n) => h('option', { value: `function:${n}` }, `function: ${n}`)));
  select.value = [...select.options].some((o) => o.value === previous) ? previous : 'auto';
}

function toolChoice() {
  const value = $('tool-choice').value;
  return value.startsWith('function:') ? { type: 'function', function: { name: value.slice('function:'.length) } } : value;
}

// ---------------------------------------------------------------------------------------------
// Playground: building and sending the request.

function numberField(id) {
  const text = $(id).value.trim();
  return text === '' ? undefined : Number(text);
}

function buildRequest() {
  const model = $('model').value;
  if (!model) throw new Error('Pick a model first.');
  const messages = readMessages();
  if (messages.length === 0) throw new Error('Add at least one message.');
  const stream = $('stream').checked;
  const body = {
    model,
    messages,
    temperature: numberField('temperature'),
    top_p: numberField('top-p'),
    max_tokens: numberField('max-tokens'),
    seed: numberField('seed'),
    stream,
  };
  const template = $('chat-template').value;
  if (template.trim() !== '') body.chat_template = template;
  const stops = $('stop').value.split('\n').filter((s) => s !== '');
  if (stops.length > 0) body.stop = stops;
  if (stream) body.stream_options = { include_usage: true };
  if (mode() === 'tools') {
    body.tools = parseJson($('tools').value, 'tools');
    body.tool_choice = toolChoice();
  } else if (mode() === 'json') {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: $('schema-name').value || 'answer', strict: $('schema-strict').checked, schema: parseJson($('schema').value, 'schema') },
    };
  }
  return body;
}

/** Splits a fetch body into SSE events and yields each event's data (the lines after "data:", joined). */
async function* sseData(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const cancel = () => reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  let buffer = '';
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        // Comments (":") and other fields (event:, id:) carry nothing the playground shows.
      }
    }
    if (data.length > 0) yield data.join('\n');
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/** What the response panel shows, updated as chunks arrive. */
class ResponseView {
  constructor() {
    this.text = '';
    this.calls = [];
    this.started = performance.now();
    this.firstToken = null;
    this.completionTokens = null;
    $('output').textContent = '';
    $('output').hidden = false;
    $('output').classList.remove('error');
    $('tool-calls').replaceChildren();
    $('tool-calls').hidden = true;
    for (const id of ['finish-reason', 'usage', 'ttft', 'duration', 'speed']) $(id).textContent = '–';
    $('append-reply').disabled = true;
    this.state('running', 'streaming…');
  }

  state(kind, text) {
    const badge = $('response-state');
    badge.hidden = false;
    badge.className = `badge ${kind}`;
    badge.textContent = text;
  }

  markFirstToken() {
    if (this.firstToken === null) {
      this.firstToken = performance.now() - this.started;
      $('ttft').textContent = `${Math.round(this.firstToken)} ms`;
    }
  }

  appendText(text) {
    if (!text) return;
    this.markFirstToken();
    this.text += text;
    $('output').textContent = this.text;
  }

  /** Tool call pieces arrive by index: a call's id and name first, then its argument text. */
  applyToolCalls(deltas) {
    this.markFirstToken();
    for (const delta of deltas) {
      const index = delta.index ?? this.calls.length;
      const call = this.calls[index] ??= { id: '', name: '', arguments: '' };
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) call.arguments += delta.function.arguments;
    }
    this.renderToolCalls();
  }

  setToolCalls(calls) {
    this.calls = calls.map((c) => ({ id: c.id, name: c.function?.name ?? '', arguments: c.function?.arguments ?? '' }));
    this.renderToolCalls();
  }

  renderToolCalls() {
    const panel = $('tool-calls');
    panel.hidden = this.calls.length === 0;
    panel.replaceChildren(h('h3', {}, 'Tool calls'), ...this.calls.filter(Boolean).map((call) =>
      h('div', { className: 'tool-call' },
        h('div', { className: 'tool-call-head' }, h('strong', {}, call.name || '…'), h('code', { className: 'muted' }, call.id)),
        h('pre', { className: 'code' }, prettyJson(call.arguments)))));
  }

  finish(reason) {
    $('finish-reason').textContent = reason ?? '–';
  }

  usage(usage) {
    if (!usage) return;
    this.completionTokens = usage.completion_tokens;
    const cached = usage.prompt_tokens_details?.cached_tokens ? ` (${usage.prompt_tokens_details.cached_tokens} cached)` : '';
    $('usage').textContent = `${usage.prompt_tokens} prompt${cached} + ${usage.completion_tokens} completion = ${usage.total_tokens}`;
  }

  done(kind, text) {
    const elapsed = performance.now() - this.started;
    $('duration').textContent = `${(elapsed / 1000).toFixed(2)} s`;
    if (this.completionTokens && this.firstToken !== null && elapsed > this.firstToken) {
      $('speed').textContent = (this.completionTokens / ((elapsed - this.firstToken) / 1000)).toFixed(1);
    }
    this.state(kind, text);
    // A reply that is only tool calls needs no empty text box above them.
    $('output').hidden = this.text === '' && this.calls.length > 0;
    $('append-reply').disabled = this.text === '';
  }

  fail(message) {
    this.calls = [];
    $('output').classList.add('error');
    $('output').textContent = this.text ? `${this.text}\n\n${message}` : message;
    this.done('failed', 'error');
  }
}

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text; // still streaming, or not JSON
  }
}

let running = null;

async function send() {
  if (running) return;
  let body;
  try {
    body = buildRequest();
  } catch (error) {
    showNotice(error.message);
    return;
  }
  showNotice('');
  const view = new ResponseView();
  const controller = new AbortController();
  running = controller;
  $('send').disabled = true;
  $('stop-button').disabled = false;
  try {
    const response = await fetch('/v1/chat/completions', {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/json', Accept: body.stream ? 'text/event-stream' : 'application/json' }),
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    if (!response.ok) throw await errorOf(response);
    if (body.stream) await readStream(response, view, controller.signal);
    else readWhole(await response.json(), view);
    view.done('ok', 'done');
  } catch (error) {
    if (controller.signal.aborted) view.done('stopped', 'stopped');
    else view.fail(error.message);
  } finally {
    running = null;
    $('send').disabled = false;
    $('stop-button').disabled = true;
  }
}

async function readStream(response, view, signal) {
  for await (const data of sseData(response.body, signal)) {
    if (data === '[DONE]') return;
    const chunk = JSON.parse(data);
    if (chunk.error) throw new Error(chunk.error.message ?? 'The stream failed.');
    for (const choice of chunk.choices ?? []) {
      if (choice.delta?.content) view.appendText(choice.delta.content);
      if (choice.delta?.tool_calls) view.applyToolCalls(choice.delta.tool_calls);
      if (choice.finish_reason) view.finish(choice.finish_reason);
    }
    view.usage(chunk.usage);
  }
}

function readWhole(completion, view) {
  const [choice] = completion.choices;
  view.appendText(choice.message.content ?? '');
  if (choice.message.tool_calls) view.setToolCalls(choice.message.tool_calls);
  view.finish(choice.finish_reason);
  view.usage(completion.usage);
}

function setUpPlayground() {
  resetMessages();
  $('tools').value = JSON.stringify(DEFAULT_TOOLS, null, 2);
  $('schema').value = JSON.stringify(DEFAULT_SCHEMA, null, 2);
  updateToolChoices();
  $('tools').addEventListener('input', updateToolChoices);
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.addEventListener('change', showMode);
  $('add-message').addEventListener('click', () => {
    const rows = $('messages').querySelectorAll('.message-role');
    const last = rows.length ? rows[rows.length - 1].value : 'assistant';
    addMessage(last === 'user' ? 'assistant' : 'user').focus();
  });
  $('clear-messages').addEventListener('click', resetMessages);
  $('reload-models').addEventListener('click', loadModels);
  $('send').addEventListener('click', send);
  $('stop-button').addEventListener('click', () => running?.abort());
  $('append-reply').addEventListener('click', () => {
    addMessage('assistant', $('output').textContent);
    addMessage('user', '').focus();
    $('append-reply').disabled = true;
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && currentView() === 'playground') send();
  });
}

// ---------------------------------------------------------------------------------------------
// Cluster view.

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function badge(state) {
  return h('span', { className: `badge ${state}` }, state);
}

function tile(label, value, detail) {
  return h('div', { className: 'tile' }, h('div', { className: 'tile-value' }, value), h('div', { className: 'tile-label' }, label),
    detail ? h('div', { className: 'tile-detail muted' }, detail) : null);
}

function usageBar(ratio) {
  const percent = Math.max(0, Math.min(100, ratio * 100));
  const fill = h('div', { className: 'bar-fill' });
  fill.style.width = `${percent}%`;
  if (percent >= 90) fill.classList.add('hot');
  return h('div', { className: 'bar', title: `${percent.toFixed(1)}% of KV cache blocks in use` }, fill,
    h('span', { className: 'bar-label' }, `${percent.toFixed(0)}%`));
}

function renderSummary(cluster) {
  const active = cluster.silos.filter((s) => s.status === 'active').length;
  const serving = cluster.replicas.filter((r) => r.state === 'serving').length;
  const sum = (f) => cluster.replicas.reduce((total, r) => total + f(r), 0);
  $('summary').replaceChildren(
    tile('silos', `${active}`, active === cluster.silos.length ? 'all active' : `${cluster.silos.length} known`),
    tile('models', `${cluster.models.length}`, `${cluster.models.filter((m) => m.state === 'ready').length} ready`),
    tile('replicas', `${serving}`, `${cluster.replicas.length} live`),
    tile('running', number.format(sum((r) => r.running)), `${number.format(sum((r) => r.waiting))} waiting`),
    tile('tokens/s', number.format(sum((r) => r.generation_tokens_per_second)),
      `${number.format(sum((r) => r.prompt_tokens_per_second))} prompt tok/s`));
}

function renderSilos(cluster) {
  const rows = cluster.silos.map((silo) => {
    const replicas = cluster.replicas.filter((r) => r.silo === silo.address).length;
    const self = silo.address === cluster.gateway ? h('span', { className: 'tag' }, 'this gateway') : null;
    return h('tr', {},
      h('td', {}, silo.name || '–', ' ', self),
      h('td', {}, h('code', {}, silo.address)),
      h('td', {}, silo.role || '–'),
      h('td', {}, badge(silo.status)),
      h('td', {}, silo.models.join(', ') || '–'),
      h('td', { className: 'num' }, replicas));
  });
  $('silos').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(6, 'No silos.')]));
}

function renderModels(cluster) {
  const cards = cluster.models.map((model) => {
    const replicas = cluster.replicas.filter((r) => r.model === model.id);
    const table = h('table', { className: 'replicas' },
      h('thead', {}, h('tr', {}, ...['Replica', 'State', 'Running', 'Waiting', 'KV cache', 'Gen tok/s', 'Prompt tok/s', 'Prefix hits', 'Generated', 'Preempted']
        .map((title, i) => h('th', { className: i >= 2 && i !== 4 ? 'num' : '' }, title)))),
      h('tbody', {}, ...(replicas.length ? replicas.map((r) => h('tr', { dataset: { replica: r.id } },
        h('td', {}, h('code', {}, r.id)),
        h('td', {}, badge(r.state)),
        h('td', { className: 'num' }, r.running),
        h('td', { className: 'num' }, r.waiting),
        h('td', {}, usageBar(r.kv_cache_usage)),
        h('td', { className: 'num' }, number.format(r.generation_tokens_per_second)),
        h('td', { className: 'num' }, number.format(r.prompt_tokens_per_second)),
        h('td', { className: 'num' }, `${(r.prefix_cache_hit_rate * 100).toFixed(0)}%`),
        h('td', { className: 'num' }, number.format(r.generation_tokens)),
        h('td', { className: 'num' }, r.preemptions))) : [emptyRow(10, 'No live replica.')])));
    return h('article', { className: 'model-card', dataset: { model: model.id } },
      h('header', {}, h('h3', {}, model.id), badge(model.state),
        h('span', { className: 'muted' }, `${model.replicas} serving · context ${model.max_model_len || '?'}`)),
      h('div', { className: 'table-wrap' }, table));
  });
  $('models').replaceChildren(...(cards.length ? cards : [h('p', { className: 'muted' }, 'No models yet.')]));
}

function statusClass(request) {
  if (request.aborted) return 'stopped';
  if (request.status >= 500) return 'failed';
  if (request.status >= 400) return 'warn';
  return 'ok';
}

function renderRecent(cluster) {
  const rows = cluster.recent_requests.map((r) => h('tr', {},
    h('td', { title: r.time }, new Date(r.time).toLocaleTimeString()),
    h('td', {}, h('code', {}, r.endpoint), r.stream ? h('span', { className: 'tag' }, 'stream') : null),
    h('td', {}, r.model ?? '–'),
    h('td', {}, h('span', { className: `badge ${statusClass(r)}` }, r.aborted ? `${r.status} aborted` : r.status)),
    h('td', {}, r.finish_reason ?? '–'),
    h('td', { className: 'num' }, r.prompt_tokens),
    h('td', { className: 'num' }, r.completion_tokens),
    h('td', { className: 'num' }, r.duration_ms >= 1000 ? `${(r.duration_ms / 1000).toFixed(2)} s` : `${Math.round(r.duration_ms)} ms`)));
  $('recent').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(8, 'No requests yet.')]));
}

function emptyRow(columns, text) {
  return h('tr', {}, h('td', { colSpan: columns, className: 'empty muted' }, text));
}

let refreshing = false;

async function refreshCluster() {
  if (refreshing) return;
  refreshing = true;
  try {
    const cluster = await getJson('/v1/cluster');
    $('gateway').textContent = cluster.gateway;
    $('updated').textContent = new Date().toLocaleTimeString();
    renderSummary(cluster);
    renderSilos(cluster);
    renderModels(cluster);
    renderRecent(cluster);
    document.body.dataset.clusterLoaded = 'true';
    showNotice('');
  } catch (error) {
    if (error.status !== 401) showNotice(`Could not load the cluster view: ${error.message}`);
  } finally {
    refreshing = false;
  }
}

function setUpCluster() {
  // One timer, which does nothing while the tab or the view is hidden or refreshing is off.
  setInterval(() => {
    if (currentView() === 'cluster' && $('auto-refresh').checked && !document.hidden && !$('key-dialog').open) refreshCluster();
  }, REFRESH_MS);
}

// ---------------------------------------------------------------------------------------------

setUpKeyDialog();
setUpPlayground();
setUpCluster();
window.addEventListener('hashchange', showView);
showView();
loadModels();
