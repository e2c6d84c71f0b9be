using System.Runtime.CompilerServices;

// The template tests pin the clock of strftime_now through an internal Render overload.
[assembly: InternalsVisibleTo("Granary.Tokenization.Tests")]
