using System.Globalization;
using System.Text.Json;
using Strata.Data.Foundation;

namespace Strata.Data.Plan;

/// <summary>
/// A JSON input file read with its location kept: every error names the file, the line (for syntax errors) and the
/// JSON path of the field (e.g. $.effect.interval[1]). Unknown properties are errors, so typos never pass silently.
/// </summary>
public sealed class JsonInput
{
    private JsonInput(string file, JsonElement element, string path)
    {
        File = file;
        Element = element;
        Path = path;
    }

    public string File { get; }

    public JsonElement Element { get; }

    public string Path { get; }

    public static JsonInput Parse(string file, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return new JsonInput(file, doc.RootElement.Clone(), "$");
        }
        catch (JsonException e)
        {
            throw new InputException(file, (e.LineNumber ?? 0) + 1, e.Path, $"invalid JSON: {e.Message}");
        }
    }

    public static JsonInput Read(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new InputException(file, 0, null, "file not found");
        }
        return Parse(file, System.IO.File.ReadAllText(file));
    }

    public InputException Fail(string reason) => new(File, 0, Path, reason);

    public JsonInput Object()
    {
        return Element.ValueKind == JsonValueKind.Object ? this : throw Fail($"expected an object, found {Kind(Element)}");
    }

    /// <summary>Rejects properties outside the allowed set.</summary>
    public JsonInput Only(params string[] allowed)
    {
        foreach (var p in Object().Element.EnumerateObject())
        {
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                throw Child(p.Name).Fail($"unknown field (allowed: {string.Join(", ", allowed)})");
            }
        }
        return this;
    }

    public JsonInput? Optional(string name) =>
        Object().Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? new JsonInput(File, v, $"{Path}.{name}") : null;

    public JsonInput Required(string name) => Optional(name) ?? throw Child(name).Fail("required field missing");

    public IEnumerable<JsonInput> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fail($"expected an array, found {Kind(Element)}");
        }
        var i = 0;
        foreach (var e in Element.EnumerateArray())
        {
            yield return new JsonInput(File, e, $"{Path}[{i++}]");
        }
    }

    public IEnumerable<(string Name, JsonInput Value)> Properties() =>
        Object().Element.EnumerateObject().Select(p => (p.Name, new JsonInput(File, p.Value, $"{Path}.{p.Name}")));

    public string String() =>
        Element.ValueKind == JsonValueKind.String && Element.GetString() is { Length: > 0 } s ? s : throw Fail($"expected a non-empty string, found {Kind(Element)}");

    public double Number() =>
        Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Fail($"expected a number, found {Kind(Element)}");

    public double Number(double min, double max)
    {
        var v = Number();
        return v >= min && v <= max
            ? v
            : throw Fail(string.Create(CultureInfo.InvariantCulture, $"{v} is outside the valid range [{min}, {max}]"));
    }

    public int Integer(int min, int max)
    {
        var v = Number(min, max);
        return v == Math.Floor(v) ? (int)v : throw Fail(string.Create(CultureInfo.InvariantCulture, $"{v} is not a whole number"));
    }

    /// <summary>A string that must be one of a closed vocabulary.</summary>
    public string OneOf(IReadOnlyCollection<string> allowed)
    {
        var s = String();
        return allowed.Contains(s) ? s : throw Fail($"'{s}' is not one of: {string.Join(", ", allowed)}");
    }

    private JsonInput Child(string name) => new(File, default, $"{Path}.{name}");

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
