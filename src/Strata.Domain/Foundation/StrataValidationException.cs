namespace Strata.Domain.Foundation;

/// <summary>
/// A value a user gave is not acceptable. The one validation error type: it always names the field (an option, a
/// form field or a file:line field), and the CLI maps it to exit code 2, the API to HTTP 400. The importer's
/// <c>InputException</c> derives from it. It is an <see cref="ArgumentException"/> so code that already refuses bad
/// arguments with one (pages, the API's 400 filter) treats it alike; the CLI catches it first for exit code 2.
/// </summary>
public class StrataValidationException : ArgumentException
{
    public StrataValidationException(string field, string reason)
        : this($"{field}: {reason}", field, reason)
    {
    }

    /// <summary>For subtypes that format the location themselves (file, line and field).</summary>
    protected StrataValidationException(string message, string? field, string reason)
        : base(message)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The option, form field or file field that was wrong; null only when a whole file is.</summary>
    public string? Field { get; }

    public string Reason { get; }
}
