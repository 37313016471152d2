using System.Globalization;
using System.Text.Json;
using Strata.Cli.Infrastructure;
using Strata.Data.Deliver;
using Strata.Data.Foundation;

namespace Strata.Cli.Deliver;

/// <summary>Reading the Deliver stage's JSON inputs and the small options every Deliver command shares.</summary>
internal static class DeliverInput
{
    /// <summary>Input is strict: every required field present, nulls only where the type allows them.</summary>
    private static readonly JsonSerializerOptions Strict = new(Output.JsonOptions)
    {
        AllowOutOfOrderMetadataProperties = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T Read<T>(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new InputException(file.FullName, 0, null, "file not found");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file.FullName), Strict)
                ?? throw new InputException(file.FullName, 1, null, "empty document");
        }
        catch (JsonException e)
        {
            throw new InputException(file.FullName, (e.LineNumber ?? 0) + 1, e.Path, e.Message.Split(" Path:")[0]);
        }
        catch (ArgumentException e)
        {
            throw new InputException(file.FullName, 0, null, e.Message);
        }
    }

    public static string Serialise<T>(T value) => DeliverRecords.Serialise(value);

    public static T Deserialise<T>(string json) => DeliverRecords.Deserialise<T>(json);

    public static string Money(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
