using Granary.Grpc.Errors;
using Granary.Grpc.V1;
using Granary.Serving.Requests;

namespace Granary.Grpc.Validation;

internal static class GenerateRequestValidator
{
    public static void Validate(GenerateRequest request)
    {
        ModelField.RequireModel(request.Model);
        if (request.HasPrompt && request.PromptTokenIds.Count > 0)
        {
            throw InvalidArgument.Value("prompt", "set either prompt or prompt_token_ids, not both.");
        }

        if (!request.HasPrompt && request.PromptTokenIds.Count == 0)
        {
            throw InvalidArgument.Missing("prompt");
        }

        Ranges.CheckTokenIds(request.PromptTokenIds, "prompt_token_ids");
        SamplingValidator.Validate(request.Sampling);
        SamplingRules.Logprobs(request.HasPromptLogprobs ? request.PromptLogprobs : null, "prompt_logprobs");
    }
}
