using System.Globalization;

namespace Granary.Api.Errors;

/// <summary>
/// The 400s the validators raise, worded and coded as OpenAI words them, so that clients and people
/// who know those messages recognise them.
/// </summary>
internal static class RequestErrors
{
    public static ApiException InvalidJson() => ApiException.BadRequest(
        "We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.");

    public static ApiException NotAnObject() => ApiException.BadRequest(
        "The JSON body of your request must be an object.");

    public static ApiException Unrecognized(string name) => ApiException.BadRequest(
        $"Unrecognized request argument supplied: {name}", name);

    public static ApiException Missing(string param) => ApiException.BadRequest(
        $"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static ApiException InvalidType(string param, string expected, string got) => ApiException.BadRequest(
        $"Invalid type for '{param}': expected {expected}, but got {got} instead.", param, "invalid_type");

    public static ApiException InvalidValue(string param, string message) => ApiException.BadRequest(
        $"Invalid value for '{param}': {message}", param, "invalid_value");

    public static ApiException EmptyArray(string param) => ApiException.BadRequest(
        $"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        param, "empty_array");

    /// <summary>Honest refusal of a feature the server parses but cannot serve yet (never silently ignored).</summary>
    public static ApiException NotSupported(string param, string what) => ApiException.BadRequest(
        $"{what} is not supported yet by this server.", param, "unsupported_parameter");

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
