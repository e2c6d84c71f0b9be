namespace Granary.Server.CommandLine;

/// <summary>A --model value: [name=]path, the name defaulting to the folder's name.</summary>
internal sealed record ModelSpec(string Name, string Path)
{
    public static ModelSpec Parse(string value)
    {
        var separator = value.IndexOf('=');
        var path = separator > 0 ? value[(separator + 1)..] : value;
        var name = separator > 0 ? value[..separator] : System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)));
        if (name.Length == 0 || name.IndexOfAny([',', '|']) >= 0)
            throw new FormatException($"model name '{name}' must be non-empty and contain no ',' or '|'");
        return new ModelSpec(name, path);
    }
}
