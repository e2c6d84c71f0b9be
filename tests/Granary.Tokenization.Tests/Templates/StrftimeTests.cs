using System.Globalization;
using Granary.Tokenization.Templates;
using Granary.Tokenization.Templates.Formatting;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>strftime_now formats like Python's datetime.strftime on Linux (C locale); expectations come from Python 3.11.</summary>
public sealed class StrftimeTests
{
    private const string EveryDirective =
        "%a %A %b %B %d %e %m %Y %y %C %H %I %M %S %f %p %j %w %u %U %W %V %G %D %F %T %R %r %c %x %X %h %% %-d %-m %-H %-I %-j %z%Z|%Q";

    [Theory]
    [InlineData("2024-01-01T00:05:07", "Mon Monday Jan January 01  1 01 2024 24 20 00 12 05 07 000000 AM 001 1 1 00 01 01 2024 01/01/24 2024-01-01 00:05:07 00:05 12:05:07 AM Mon Jan  1 00:05:07 2024 01/01/24 00:05:07 Jan % 1 1 0 12 1 |%Q")]
    [InlineData("2023-12-31T12:00:00.000042", "Sun Sunday Dec December 31 31 12 2023 23 20 12 12 00 00 000042 PM 365 0 7 53 52 52 2023 12/31/23 2023-12-31 12:00:00 12:00 12:00:00 PM Sun Dec 31 12:00:00 2023 12/31/23 12:00:00 Dec % 31 12 12 12 365 |%Q")]
    [InlineData("2021-01-03T23:59:59", "Sun Sunday Jan January 03  3 01 2021 21 20 23 11 59 59 000000 PM 003 0 7 01 00 53 2020 01/03/21 2021-01-03 23:59:59 23:59 11:59:59 PM Sun Jan  3 23:59:59 2021 01/03/21 23:59:59 Jan % 3 1 23 11 3 |%Q")]
    [InlineData("2024-02-29T09:30:00", "Thu Thursday Feb February 29 29 02 2024 24 20 09 09 30 00 000000 AM 060 4 4 08 09 09 2024 02/29/24 2024-02-29 09:30:00 09:30 09:30:00 AM Thu Feb 29 09:30:00 2024 02/29/24 09:30:00 Feb % 29 2 9 9 60 |%Q")]
    public void FormatsEveryDirectiveLikePython(string isoTime, string expected) =>
        Assert.Equal(expected, StrftimeFormatter.Format(DateTime.Parse(isoTime, CultureInfo.InvariantCulture), EveryDirective));

    [Fact]
    public void StrftimeNowUsesTheRenderClock()
    {
        var template = ChatTemplate.Parse("Today Date: {{ strftime_now('%d %b %Y') }}");

        Assert.Equal("Today Date: 05 Jul 2024", template.Render(new Dictionary<string, object?>(), () => new DateTime(2024, 7, 5, 14, 3, 9)));
    }

    [Fact]
    public void StrftimeNowDefaultsToTheLocalTime()
    {
        var before = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rendered = TemplateRunner.Render("{{ strftime_now('%Y-%m-%d') }}");
        var after = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Contains(rendered, new[] { before, after });
    }
}
