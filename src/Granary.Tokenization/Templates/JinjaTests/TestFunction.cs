using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.JinjaTests;

/// <summary>A Jinja test: <c>value is name(arguments)</c>.</summary>
internal delegate bool TestFunction(RenderContext context, object? value, CallArguments arguments);
