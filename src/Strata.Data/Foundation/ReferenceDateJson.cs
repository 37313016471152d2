using System.Text.Json;
using System.Text.Json.Serialization;
using Strata.Domain.Foundation;

namespace Strata.Data.Foundation;

/// <summary>
/// Dates in JSON (API bodies, Deliver input files, stored payloads) read through <see cref="ReferenceDate.Parse"/>:
/// the one format and message. A bad date becomes a <see cref="JsonException"/> whose Path names the field;
/// <see cref="Field"/> turns that into the <see cref="StrataValidationException"/> (HTTP 400, exit code 2).
/// </summary>
public sealed class ReferenceDateJson : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(ReferenceDate.Expected);
        }
        try
        {
            return ReferenceDate.Parse(reader.GetString()!, "date");
        }
        catch (StrataValidationException e)
        {
            throw new JsonException(e.Reason, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ReferenceDate.Text(value));
    }

    /// <summary>A JSON body's error as the validation error naming its field (e.g. "decision_date", "bidders[0].name").</summary>
    public static StrataValidationException Field(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var field = (e.Path ?? "$").TrimStart('$', '.');
        return new StrataValidationException(field.Length == 0 ? "body" : field, e.Message.Split(" Path:")[0]);
    }
}
