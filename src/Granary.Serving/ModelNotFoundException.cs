namespace Granary.Serving;

/// <summary>The request named a model that no replica serves; reported as an OpenAI 404 naming the served ones.</summary>
public sealed class ModelNotFoundException : Exception
{
    public ModelNotFoundException(string model, IReadOnlyList<string> servedModels)
        : base(Describe(model, servedModels))
    {
        Model = model;
        ServedModels = servedModels;
    }

    public string Model { get; }

    public IReadOnlyList<string> ServedModels { get; }

    private static string Describe(string model, IReadOnlyList<string> servedModels) =>
        servedModels.Count == 0
            ? $"The model '{model}' does not exist. No models are being served."
            : $"The model '{model}' does not exist. Served models: {string.Join(", ", servedModels)}";
}
