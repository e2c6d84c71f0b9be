namespace Granary.Tokenization.PreTokenizers;

/// <summary>
/// One split of the input on its way to the model. <paramref name="AddedTokenId"/> is set for an
/// added token already recognised (later stages leave it alone); <paramref name="StartsAtOrigin"/>
/// tells whether the split begins at offset 0 of the original text (Metaspace's "first" scheme).
/// </summary>
internal readonly record struct PreToken(string Text, int AddedTokenId, bool StartsAtOrigin)
{
    public const int NoToken = -1;

    public bool IsAddedToken => AddedTokenId != NoToken;

    public static PreToken FromText(string text, bool startsAtOrigin) => new(text, NoToken, startsAtOrigin);
}
