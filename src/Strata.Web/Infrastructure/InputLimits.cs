using System.Collections;
using System.Reflection;

namespace Strata.Web.Infrastructure;

/// <summary>
/// Every string a client sends — query values and the string fields of a JSON body, however nested — has a length
/// limit and may not hold control characters (NUL and the like, which the engine refuses with an error): both are a
/// 400 naming the field, never a 500 or an oversized row in the workspace.
/// </summary>
public static class InputLimits
{
    /// <summary>Longest string field accepted (descriptions, evidence); names and codes are far shorter.</summary>
    public const int MaxLength = 4_000;

    /// <summary>The problem with a request's inputs, or null when they are acceptable.</summary>
    public static string? Problem(HttpContext http, IEnumerable<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var (key, values) in http.Request.Query)
        {
            foreach (var v in values)
            {
                if (Check(key, v) is { } p)
                {
                    return p;
                }
            }
        }
        // Injected services are arguments too; only what the client sent (body and query values) is checked.
        var services = http.RequestServices.GetService<IServiceProviderIsService>();
        foreach (var a in arguments)
        {
            if (a is not (null or HttpContext or HttpRequest or System.Security.Claims.ClaimsPrincipal)
                && services?.IsService(a.GetType()) != true && Walk("request", a, 0) is { } p)
            {
                return p;
            }
        }
        return null;
    }

    /// <summary>An endpoint filter applying <see cref="Problem"/>.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Problem(context.HttpContext, context.Arguments) is { } problem
            ? Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad request")
            : await next(context).ConfigureAwait(false);
    }

    private static string? Check(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > MaxLength)
        {
            return $"{field}: longer than {MaxLength:N0} characters.";
        }
        return value.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')) ? $"{field}: contains control characters." : null;
    }

    private static string? Walk(string field, object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return Check(field, s);
            case IDictionary d:
                foreach (DictionaryEntry e in d)
                {
                    if ((Check(field, e.Key as string) ?? Walk($"{field}.{e.Key}", e.Value, depth + 1)) is { } p)
                    {
                        return p;
                    }
                }
                return null;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    if (Walk($"{field}[{i++}]", item, depth + 1) is { } p)
                    {
                        return p;
                    }
                }
                return null;
        }
        var type = value.GetType();
        if (depth > 6 || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return null;
        }
        foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (Walk(Snake(prop.Name), prop.GetValue(value), depth + 1) is { } p)
            {
                return p;
            }
        }
        return null;
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
