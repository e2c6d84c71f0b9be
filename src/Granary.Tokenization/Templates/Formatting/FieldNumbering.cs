namespace Granary.Tokenization.Templates.Formatting;

/// <summary>Python forbids mixing automatic (<c>{}</c>) and manual (<c>{0}</c>) field numbering.</summary>
internal sealed class FieldNumbering
{
    private int _nextAutomatic;
    private bool? _automatic;

    public int Next(int? manual)
    {
        var automatic = manual is null;
        if (_automatic is { } mode && mode != automatic)
        {
            throw new ChatTemplateException(automatic
                ? "cannot switch from manual field specification to automatic field numbering"
                : "cannot switch from automatic field numbering to manual field specification");
        }
        _automatic = automatic;
        return manual ?? _nextAutomatic++;
    }
}
