namespace Granary.Engine.Tests.Tools;

/// <summary>Chat templates for tool tests (the fixtures' own Llama 3 template has no tool support).</summary>
internal static class ToolTemplates
{
    /// <summary>A compact Llama 3.1-style JSON tool template: tools in the system turn, calls as {"name", "parameters"}, results as ipython.</summary>
    public const string Llama31Json = """
        {{- bos_token }}
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

        {% endif %}
        """;

    /// <summary>Qwen3-Coder writes calls as XML (<c>&lt;function=name&gt;</c>), which no format here reads.</summary>
    public const string QwenCoderXml = """
        {%- for message in messages %}<|im_start|>{{ message.role }}
        {{ message.content }}<|im_end|>
        {%- endfor %}
        For each call write <tool_call>
        <function=example_function_name>
        <parameter=example_parameter>value</parameter>
        </function>
        </tool_call>
        """;

    public const string WeatherTools = """
        [{"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
          "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
         {"type": "function", "function": {"name": "get_time"}}]
        """;
}
