"""Templates in the style of popular models' chat templates, rendered over several conversations."""
import os

CASES = []
HERE = os.path.dirname(os.path.abspath(__file__))

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "City name, e.g. Paris"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "Unit"},
                "days": {"type": "integer", "description": "Forecast days"},
                "tags": {"type": "array", "items": {"type": "string"}, "description": "Tags"},
                "extra": {"type": "object", "additionalProperties": {"type": "number"}, "description": "Extras"},
                "mode": {"type": ["string", "integer"], "description": "Mode"},
            },
            "required": ["city"],
        },
    },
}
SEARCH_TOOL = {
    "type": "function",
    "function": {
        "name": "search",
        "description": "Search the web — returns snippets.",
        "parameters": {"type": "object", "properties": {"query": {"type": "string", "description": "Query"}}, "required": ["query"]},
    },
}
TOOLS = [WEATHER_TOOL, SEARCH_TOOL]

CONVERSATIONS = {
    "single": [{"role": "user", "content": "What is the capital of France?"}],
    "system": [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Hi there!"}],
    "multi": [
        {"role": "system", "content": "  Be nice.  "},
        {"role": "user", "content": "Hello"},
        {"role": "assistant", "content": "Hi! How can I help?"},
        {"role": "user", "content": "Tell me a joke about \"quotes\" and 'apostrophes' — and unicode: é 中文 😀\nwith a newline."},
    ],
    "tool_turn": [
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "content": "", "tool_calls": [{"id": "call12345", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]},
        {"role": "tool", "tool_call_id": "call12345", "name": "get_weather", "content": "{\"temp\": 21.5}"},
        {"role": "assistant", "content": "It is 21.5 degrees."},
        {"role": "user", "content": "Thanks"},
    ],
    "parallel_tools": [
        {"role": "system", "content": "Use tools."},
        {"role": "user", "content": "Weather in Paris and Rome?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call00001", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris"}}},
            {"id": "call00002", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Rome", "unit": "celsius"}}},
        ]},
        {"role": "tool", "tool_call_id": "call00001", "content": "sunny"},
        {"role": "tool", "tool_call_id": "call00002", "content": "rain"},
    ],
    "reasoning": [
        {"role": "user", "content": "2+2?"},
        {"role": "assistant", "content": "<think>\nAdd them.\n</think>\n\n4"},
        {"role": "user", "content": "3+3?"},
        {"role": "assistant", "content": "6", "reasoning_content": "Add again."},
        {"role": "user", "content": "And 4+4?"},
    ],
    "bad_alternation": [{"role": "user", "content": "one"}, {"role": "user", "content": "two"}],
    "content_parts": [
        {"role": "system", "content": [{"type": "text", "text": "Parts system."}]},
        {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "  Describe this.  "}]},
    ],
}

SPECIAL = {"bos_token": "<s>", "eos_token": "</s>"}


def load(name):
    with open(os.path.join(HERE, "model_templates", name + ".jinja"), encoding="utf-8") as handle:
        return handle.read()


def add(template_name, conversations, tools_for=(), extra=None, special=None, label=None):
    template = load(template_name)
    label = label or template_name
    for conversation in conversations:
        for agp in (True, False):
            variables = dict(special or SPECIAL)
            variables.update(extra or {})
            variables["messages"] = CONVERSATIONS[conversation]
            variables["tools"] = TOOLS if conversation in tools_for else None
            variables["add_generation_prompt"] = agp
            CASES.append((f"model_{label}_{conversation}_agp{int(agp)}", template, variables))


ALL = ["single", "system", "multi", "tool_turn", "parallel_tools", "reasoning", "bad_alternation"]
add("llama3_2_tools", ALL, tools_for={"single", "tool_turn", "multi"}, special={"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"})
add("llama3_2_tools", ["single", "system"], tools_for={"single", "system"}, extra={"tools_in_user_message": False, "date_string": "01 Jan 2025"},
    special={"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"}, label="llama3_2_tools_in_system")
add("llama3_1_builtin", ["single", "system", "tool_turn"], tools_for={"tool_turn"}, extra={"builtin_tools": ["brave_search", "wolfram_alpha"]},
    special={"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"})
add("mistral_instruct", ["single", "system", "multi", "bad_alternation", "tool_turn"])
add("mistral_tools", ["single", "multi", "tool_turn", "parallel_tools"], tools_for={"single", "tool_turn", "parallel_tools"})
add("qwen2_5", ALL, tools_for={"single", "tool_turn", "parallel_tools"}, special={"eos_token": "<|im_end|>"})
add("deepseek_r1", ["single", "system", "multi", "reasoning"], special={"bos_token": "<｜begin▁of▁sentence｜>", "eos_token": "<｜end▁of▁sentence｜>"})
add("phi3", ["single", "system", "multi"], special={"bos_token": "<s>", "eos_token": "<|endoftext|>"})
add("phi3_5", ["single", "system", "multi"], special={"bos_token": "<s>", "eos_token": "<|endoftext|>"})
add("phi3_original", ["single", "system", "multi"], special={"bos_token": "<s>", "eos_token": "<|endoftext|>"})
add("gemma", ["single", "system", "multi", "bad_alternation"], special={"bos_token": "<bos>", "eos_token": "<eos>"})
add("gemma3", ["single", "system", "multi", "content_parts", "bad_alternation"], special={"bos_token": "<bos>", "eos_token": "<eos>"})
add("chatml", ["single", "multi"])
add("llama2", ["single", "system", "multi", "bad_alternation"])
add("hermes_tools", ["single", "tool_turn", "parallel_tools"], tools_for={"single", "tool_turn", "parallel_tools"})
add("granite_style", ["single", "system", "tool_turn"], tools_for={"tool_turn"}, extra={"documents": [{"title": "Doc A", "text": "Alpha."}, {"text": "Beta."}]})

# Hermes' json_to_python_type recurses forever on a "null" type (a string is iterable): Python stops with a
# RecursionError, we must stop with a template error too rather than overflow the stack.
NULL_TYPE_TOOL = {"type": "function", "function": {"name": "f", "description": "d", "parameters": {
    "type": "object", "properties": {"x": {"type": ["string", "null"], "description": "x"}}}}}
CASES.append(("model_hermes_tools_null_type_recursion", load("hermes_tools"),
              {"messages": CONVERSATIONS["single"], "tools": [NULL_TYPE_TOOL], "add_generation_prompt": True, **SPECIAL}))
