using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Strata.Cli.Infrastructure;

/// <summary>JSON and console output shared by all commands.</summary>
public static class Output
{
    /// <summary>snake_case property names, as the specs' JSON fields are written.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new Strata.Data.Foundation.ReferenceDateJson() },
    };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>
    /// Runs work with a Spectre progress bar on an interactive terminal; silently otherwise (JSON, pipes, CI).
    /// The callback receives a reporter taking a fraction 0..1 and a description.
    /// </summary>
    public static T WithProgress<T>(string title, bool quiet, Func<Action<double, string>, T> work)
    {
        if (quiet || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work((_, _) => { });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(CliErrors.Safe(title), maxValue: 1.0);
                result = work((fraction, description) =>
                {
                    task.Value = Math.Clamp(fraction, 0, 1);
                    task.Description = CliErrors.Safe(description);
                });
                task.Value = 1.0;
            });
        return result;
    }
}
