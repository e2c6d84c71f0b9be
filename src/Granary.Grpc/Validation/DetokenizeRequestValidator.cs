using Granary.Grpc.V1;
using Granary.Serving.Requests;

namespace Granary.Grpc.Validation;

internal static class DetokenizeRequestValidator
{
    public static void Validate(DetokenizeRequest request) => Ranges.CheckTokenIds(request.Tokens, "tokens");
}
