using System.Text.Json.Serialization;

namespace Granary.Api.WebConsole;

/// <summary>Source-generated serializers for the console's endpoint, snake_case like the rest of the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ClusterResponse))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
