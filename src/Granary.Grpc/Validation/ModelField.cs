using Granary.Grpc.Errors;

namespace Granary.Grpc.Validation;

internal static class ModelField
{
    /// <summary>Generation names its model; only the tokenizer calls may leave it to the server.</summary>
    public static void RequireModel(string model)
    {
        if (model.Length == 0)
        {
            throw InvalidArgument.Missing("model");
        }
    }
}
