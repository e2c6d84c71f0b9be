// Shared by the tool-calling suites: a Llama 3.1-style tool template and a small tool.
import assert from 'node:assert/strict';

// The bundled model's own template (Llama 3.0) teaches no tool call format, so this request-level
// template does: Llama 3.1-style JSON calls, which the server reads as llama3_json.
export const llama31ToolTemplate = `{{- bos_token }}
{%- if tools %}<|start_header_id|>system<|end_header_id|>

Environment: ipython
To call a function, reply with only {"name": function name, "parameters": dictionary of argument name and its value}.
{%- for tool in tools %}
{{ tool | tojson }}
{%- endfor %}<|eot_id|>
{%- endif %}
{%- for message in messages %}
{%- if message.role == 'assistant' and message.tool_calls %}<|start_header_id|>assistant<|end_header_id|>

{% for call in message.tool_calls %}{% if not loop.first %}; {% endif %}{"name": "{{ call.function.name }}", "parameters": {{ call.function.arguments | tojson }}}{% endfor %}<|eot_id|>
{%- elif message.role == 'tool' %}<|start_header_id|>ipython<|end_header_id|>

{{ message.content }}<|eot_id|>
{%- else %}<|start_header_id|>{{ message.role }}<|end_header_id|>

{{ message.content | trim }}<|eot_id|>
{%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>

{% endif %}`;

export const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    // Enums keep a random model's constrained arguments short enough for the 512-token window.
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', enum: ['Paris', 'Lyon'] }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    },
  },
};

export const timeTool = {
  type: 'function',
  function: {
    name: 'get_time',
    description: 'Current time in a zone',
    parameters: { type: 'object', properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } }, required: ['zone'], additionalProperties: false },
  },
};

export function assertWeatherCall(call) {
  assert.match(call.id, /^call_[A-Za-z0-9]{24}$/);
  assert.equal(call.type, 'function');
  assert.equal(call.function.name, 'get_weather');
  const args = JSON.parse(call.function.arguments);
  assert.ok(['Paris', 'Lyon'].includes(args.city), call.function.arguments);
  assert.ok(['c', 'f'].includes(args.unit), call.function.arguments);
}
