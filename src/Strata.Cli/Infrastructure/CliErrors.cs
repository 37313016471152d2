using Spectre.Console;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Cli.Infrastructure;

/// <summary>One place that turns failures into clear messages and exit codes.</summary>
public static class CliErrors
{
    public const int InputError = 2;
    public const int Failure = 1;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (StrataValidationException e)
        {
            Console.Error.WriteLine($"error: {Named(e)}");
            return InputError;
        }
        catch (System.Data.Common.DbException e)
        {
            // The engine's own messages run to many lines (and may quote a record); the first says what went wrong.
            Console.Error.WriteLine($"error: the engine refused: {e.Message.Split('\n', 2)[0].Trim()}");
            return InputError;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }

    /// <summary>
    /// A request's field (e.g. "runs", "discount_rate") is named as the CLI's option (--runs, --discount-rate);
    /// file problems and messages that already name an option are printed as they are.
    /// </summary>
    private static string Named(StrataValidationException e) =>
        e is InputException || e.Field is null || e.Field.StartsWith('-')
            ? e.Message
            : $"--{e.Field.Replace('_', '-')}: {e.Reason}";

    /// <summary>Markup-safe text for Spectre output.</summary>
    public static string Safe(string text) => Markup.Escape(text);
}
