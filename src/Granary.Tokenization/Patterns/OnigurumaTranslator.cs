using System.Globalization;
using System.Text;

namespace Granary.Tokenization.Patterns;

/// <summary>
/// Rewrites the Oniguruma (Ruby-syntax) regexes that tokenizer.json carries into .NET syntax.
/// Most of the syntax is shared; this handles the differences that matter for tokenizers and
/// refuses, naming the construct, what .NET cannot express.
/// </summary>
internal static class OnigurumaTranslator
{
    // Oniguruma's \w is Letter | Mark | Decimal_Number | Connector_Punctuation; .NET's lacks Mc/Me.
    private const string WordClassBody = @"\p{L}\p{M}\p{Nd}\p{Pc}";

    public static RegexTranslation Translate(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        var hasSupplementary = false;
        var previousWasQuantifier = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var isQuantifier = false;
            if (char.IsSurrogate(c))
            {
                hasSupplementary = true;
                output.Append(c);
            }
            else if (c == '\\')
            {
                i = TranslateEscape(pattern, i, inClass, output, ref hasSupplementary);
            }
            else if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }
                else if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    throw Unsupported(pattern, "POSIX bracket expressions like [:alpha:]");
                }
                else if (c == '&' && i + 1 < pattern.Length && pattern[i + 1] == '&')
                {
                    throw Unsupported(pattern, "character class intersection '&&'");
                }

                output.Append(c);
            }
            else if (c == '[')
            {
                inClass = true;
                output.Append(c);
                // A ']' right after '[' or '[^' is a literal in both syntaxes.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    output.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    output.Append(@"\]");
                    i++;
                }
            }
            else if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == ',')
            {
                output.Append("{0");
                isQuantifier = true;
            }
            else if (c is '*' or '+' or '?' or '}')
            {
                if (c == '+' && previousWasQuantifier)
                {
                    throw Unsupported(pattern, "possessive quantifiers");
                }

                output.Append(c);
                isQuantifier = c != '?' || !previousWasQuantifier;
            }
            else if (c == '(' && pattern.AsSpan(i).StartsWith("(?~"))
            {
                throw Unsupported(pattern, "the absent operator (?~...)");
            }
            else
            {
                output.Append(c);
            }

            previousWasQuantifier = isQuantifier;
        }

        return new RegexTranslation(output.ToString(), hasSupplementary);
    }

    private static int TranslateEscape(string pattern, int index, bool inClass, StringBuilder output, ref bool hasSupplementary)
    {
        if (index + 1 >= pattern.Length)
        {
            throw Unsupported(pattern, "a trailing backslash");
        }

        var c = pattern[index + 1];
        switch (c)
        {
            case 'p' or 'P':
                return TranslateProperty(pattern, index, output);
            case 'h':
                output.Append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
                return index + 1;
            case 'H' when !inClass:
                output.Append("[^0-9a-fA-F]");
                return index + 1;
            case 'w':
                output.Append(inClass ? WordClassBody : "[" + WordClassBody + "]");
                return index + 1;
            case 'W' when !inClass:
                output.Append("[^" + WordClassBody + "]");
                return index + 1;
            case 'R' when !inClass:
                output.Append(@"(?:\r\n|[\n\v\f\r\u0085\u2028\u2029])");
                return index + 1;
            case 'x' when index + 2 < pattern.Length && pattern[index + 2] == '{':
                return TranslateHexEscape(pattern, index, output, ref hasSupplementary);
            case 'H' or 'W' or 'K' or 'X' or 'O' or 'N' or 'y' or 'Y' or 'g':
                throw Unsupported(pattern, $"the escape \\{c}{(inClass ? " inside a character class" : string.Empty)}");
            default:
                output.Append('\\').Append(c);
                return index + 1;
        }
    }

    private static int TranslateHexEscape(string pattern, int index, StringBuilder output, ref bool hasSupplementary)
    {
        var close = pattern.IndexOf('}', index + 3);
        if (close < 0)
        {
            throw Unsupported(pattern, "an unterminated \\x{...} escape");
        }

        var codePoint = int.Parse(pattern.AsSpan(index + 3, close - index - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (codePoint > 0xFFFF)
        {
            hasSupplementary = true;
            output.Append(char.ConvertFromUtf32(codePoint));
        }
        else
        {
            output.Append(CultureInfo.InvariantCulture, $"\\u{codePoint:X4}");
        }

        return close;
    }

    private static int TranslateProperty(string pattern, int index, StringBuilder output)
    {
        var negated = pattern[index + 1] == 'P';
        string name;
        int end;
        if (index + 2 < pattern.Length && pattern[index + 2] == '{')
        {
            end = pattern.IndexOf('}', index + 3);
            if (end < 0)
            {
                throw Unsupported(pattern, "an unterminated \\p{...}");
            }

            name = pattern.Substring(index + 3, end - index - 3);
        }
        else if (index + 2 < pattern.Length)
        {
            end = index + 2;
            name = pattern[end].ToString();
        }
        else
        {
            throw Unsupported(pattern, "an incomplete \\p escape");
        }

        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }

        var category = UnicodePropertyNames.ToGeneralCategory(name)
            ?? throw Unsupported(pattern, $"the Unicode property '{name}' (only general categories are supported)");
        output.Append(negated ? @"\P{" : @"\p{").Append(category).Append('}');
        return end;
    }

    private static TokenizerException Unsupported(string pattern, string construct) =>
        new($"Regex pattern '{pattern}' uses {construct}, which Granary cannot translate to .NET.");
}
