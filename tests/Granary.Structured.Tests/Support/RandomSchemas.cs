using System.Text.Json.Nodes;

namespace Granary.Structured.Tests.Support;

/// <summary>
/// Seeded random JSON Schemas over every supported keyword: objects nested up to three deep,
/// arrays with bounds and prefixItems, strings with lengths, patterns and formats, bounded
/// integers and numbers, enum, const, anyOf, oneOf (disjoint branches), allOf, type lists and
/// $ref to definitions, one of them recursive.
/// </summary>
internal sealed class RandomSchemas(int seed)
{
    private static readonly string[] Patterns =
    [
        "^[a-z]{2,5}$", "^\\d{3}-\\d{4}$", "[A-Z]", "^(foo|bar)+$", "^[^\\s]+$", "\\w+@\\w+\\.com", "^.{1,8}$",
        "^(?:[0-9a-f]{2})+$", "^a*b?c+$", "x", "^[A-Z][a-z]*( [A-Z][a-z]*)?$", "^\\S+\\s\\S+$", "[0-9]{2}$", "^(\\+|-)?\\d+(\\.\\d+)?$",
    ];

    private static readonly string[] Formats = ["date", "time", "date-time", "uuid", "email"];

    private readonly Random _random = new(seed);

    public JsonObject Next()
    {
        var defs = new JsonObject
        {
            ["node"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["value"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 99 },
                    ["children"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/$defs/node" }, ["maxItems"] = 2 },
                },
                ["required"] = new JsonArray("value"),
                ["additionalProperties"] = false,
            },
            ["label"] = StringSchema(),
            ["amount"] = NumberSchema(integer: _random.Next(2) == 0),
        };
        var root = _random.Next(5) == 0 ? Schema(1) : ObjectSchema(0);
        root["$defs"] = defs;
        if (_random.Next(3) == 0)
        {
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["title"] = "generated";
        }

        return root;
    }

    private JsonObject Schema(int depth)
    {
        var choice = _random.Next(depth >= 3 ? 12 : 16);
        return choice switch
        {
            0 => StringSchema(),
            1 => NumberSchema(integer: true),
            2 => NumberSchema(integer: false),
            3 => new JsonObject { ["type"] = "boolean" },
            4 => new JsonObject { ["type"] = "null" },
            5 => EnumSchema(),
            6 => new JsonObject { ["const"] = Literal() },
            7 => new JsonObject { ["anyOf"] = new JsonArray(Schema(depth + 1), Schema(depth + 1)) },
            8 => new JsonObject { ["oneOf"] = new JsonArray(StringSchema(), NumberSchema(integer: true), new JsonObject { ["type"] = "null" }) },
            9 => new JsonObject { ["$ref"] = Pick("#/$defs/label", "#/$defs/amount", "#/$defs/node"), ["description"] = "a reference" },
            10 => new JsonObject { ["type"] = new JsonArray("string", "null"), ["maxLength"] = _random.Next(1, 12) },
            11 => _random.Next(2) == 0 ? new JsonObject() : new JsonObject { ["allOf"] = new JsonArray(StringSchema()) },
            12 or 13 => ObjectSchema(depth + 1),
            _ => ArraySchema(depth + 1),
        };
    }

    private JsonObject ObjectSchema(int depth)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var count = _random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            var name = Pick("id", "name", "tags", "value", "a b", "ключ", "x\"y", "nested", "count", "when") + i;
            properties[name] = Schema(depth);
            if (_random.Next(3) > 0)
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        switch (_random.Next(5))
        {
            case 0: schema["additionalProperties"] = false; break;
            case 1: schema["additionalProperties"] = new JsonObject { ["type"] = "integer", ["minimum"] = -5, ["maximum"] = 5 }; break;
            case 2: schema["additionalProperties"] = true; break;
        }

        if (_random.Next(6) == 0)
        {
            // allOf that merges: the properties of another object schema and a tighter required list.
            schema["allOf"] = new JsonArray(new JsonObject { ["properties"] = new JsonObject { ["extra"] = StringSchema() }, ["required"] = new JsonArray("extra") });
            schema.Remove("additionalProperties");
        }

        return schema;
    }

    private JsonObject ArraySchema(int depth)
    {
        var schema = new JsonObject { ["type"] = "array" };
        var min = _random.Next(0, 3);
        schema["minItems"] = min;
        if (_random.Next(2) == 0)
        {
            schema["maxItems"] = min + _random.Next(0, 4);
        }

        if (_random.Next(4) == 0)
        {
            schema["prefixItems"] = new JsonArray(NumberSchema(integer: true), StringSchema());
            schema["items"] = _random.Next(2) == 0 ? false : Schema(depth);
            if (schema["items"]!.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                schema["minItems"] = Math.Min(min, 2);
            }
        }
        else
        {
            schema["items"] = Schema(depth);
        }

        return schema;
    }

    private JsonObject StringSchema()
    {
        var schema = new JsonObject { ["type"] = "string" };
        switch (_random.Next(6))
        {
            case 0:
                var min = _random.Next(0, 6);
                schema["minLength"] = min;
                schema["maxLength"] = min + _random.Next(0, 10);
                break;
            case 1:
                schema["pattern"] = Pick(Patterns);
                break;
            case 2:
                schema["format"] = Pick(Formats);
                break;
            case 3:
                schema["pattern"] = Pick(Patterns);
                schema["maxLength"] = _random.Next(4, 20);
                break;
        }

        return schema;
    }

    private JsonObject NumberSchema(bool integer)
    {
        var schema = new JsonObject { ["type"] = integer ? "integer" : "number" };
        var low = _random.Next(-1000, 1000);
        var high = low + _random.Next(integer ? 2 : 0, 2000);
        JsonNode Value(int v) => integer || _random.Next(2) == 0 ? JsonValue.Create(v) : JsonValue.Create(v + 0.25m);
        switch (_random.Next(6))
        {
            case 0: schema["minimum"] = Value(low); schema["maximum"] = Value(high); break;
            case 1: schema["exclusiveMinimum"] = Value(low); schema["exclusiveMaximum"] = Value(high + 1); break;
            case 2: schema["minimum"] = Value(low); break;
            case 3: schema["maximum"] = Value(high); break;
            case 4: schema["minimum"] = 0; schema["exclusiveMaximum"] = 1; break;
        }

        return schema;
    }

    private JsonObject EnumSchema()
    {
        var values = new JsonArray();
        for (var i = _random.Next(1, 5); i > 0; i--)
        {
            values.Add(Literal());
        }

        var schema = new JsonObject { ["enum"] = values };
        if (_random.Next(3) == 0)
        {
            schema["type"] = "string";
            values.Add("fallback");
        }

        return schema;
    }

    private JsonNode? Literal() => _random.Next(7) switch
    {
        0 => JsonValue.Create(Pick("red", "green", "blue \"quoted\"", "naïve", "a\nb", "🦆", "")),
        1 => JsonValue.Create(_random.Next(-50, 50)),
        2 => JsonValue.Create(1.5),
        3 => JsonValue.Create(true),
        4 => null,
        5 => new JsonArray(1, "two"),
        _ => new JsonObject { ["k"] = "v" },
    };

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
