using System.Reflection;
using Strata.Data.Engine;

namespace Strata.Data.Foundation;

/// <summary>
/// The versioned national price table (reference/prices/, illustrative figures in v1): costs activity rows a mapped
/// extract gives no payment for, by HRG or else by setting. Estimated costs are recorded in <see cref="EstimatesTable"/>.
/// </summary>
public static class NationalPrices
{
    public const string Version = "national-prices-v1";

    /// <summary>Workspace table: one row per loaded activity row whose cost was estimated (activity_id, basis, price_table).</summary>
    public const string EstimatesTable = "activity_cost_estimates";

    /// <summary>The import's temp copy of the price table (basis, code, unit_cost_gbp as text).</summary>
    internal const string StageTable = "import_prices";

    /// <summary>(basis, code, unit cost in pounds): basis <c>hrg</c> or <c>setting</c>.</summary>
    public static IReadOnlyList<(string Basis, string Code, decimal UnitCost)> Prices { get; } = Read();

    /// <summary>Writes the price table into a temp table <paramref name="table"/> of the engine.</summary>
    internal static void Load(IEngine engine, string table)
    {
        engine.Execute($"DROP TABLE IF EXISTS {table}");
        engine.Execute($"CREATE TEMP TABLE {table} (basis VARCHAR NOT NULL, code VARCHAR NOT NULL, unit_cost_gbp VARCHAR NOT NULL)");
        using var a = engine.Append(table);
        foreach (var (basis, code, cost) in Prices)
        {
            a.Row(basis, code, cost.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static List<(string, string, decimal)> Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"prices/{Version}.csv")
            ?? throw new InvalidOperationException($"Price table '{Version}' is not embedded in Strata.Data.");
        var csv = CsvInput.Parse(new StreamReader(stream), Version + ".csv", "basis", "code", "unit_cost_gbp", "status");
        return [.. csv.Rows.Select(r => (r.Text("basis"), r.Text("code"), decimal.Parse(r.Text("unit_cost_gbp"), System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
