namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Binds call arguments to a Python-style parameter list (positional or keyword), with Python's errors for
/// too many arguments, unknown keywords and duplicates. Parameters not given read as <see cref="Missing"/>.
/// </summary>
internal static class ArgumentBinder
{
    public static readonly object Missing = new();

    public static BoundArguments Bind(string function, CallArguments arguments, params string[] parameters)
    {
        var values = new object?[parameters.Length];
        Array.Fill(values, Missing);
        if (arguments.Positional.Length > parameters.Length)
        {
            throw new ChatTemplateException(
                $"{function}() takes at most {parameters.Length} argument(s) ({arguments.Positional.Length} given)");
        }
        Array.Copy(arguments.Positional, values, arguments.Positional.Length);
        foreach (var (name, value) in arguments.Named)
        {
            var index = Array.IndexOf(parameters, name);
            if (index < 0)
                throw new ChatTemplateException($"{function}() got an unexpected keyword argument '{name}'");
            if (!ReferenceEquals(values[index], Missing))
                throw new ChatTemplateException($"{function}() got multiple values for argument '{name}'");
            values[index] = value;
        }
        return new BoundArguments(function, values);
    }
}
