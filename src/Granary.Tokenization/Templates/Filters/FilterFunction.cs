using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>A Jinja filter: <c>value | name(arguments)</c>.</summary>
internal delegate object? FilterFunction(RenderContext context, object? value, CallArguments arguments);
