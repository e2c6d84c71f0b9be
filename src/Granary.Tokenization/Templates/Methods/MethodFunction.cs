using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>A Python method of a built-in type, called with its receiver.</summary>
internal delegate object? MethodFunction(object receiver, CallArguments arguments);
