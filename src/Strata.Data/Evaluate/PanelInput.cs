using Strata.Data.Foundation;
using Strata.Domain.Evaluate;

namespace Strata.Data.Evaluate;

/// <summary>Reads an external difference-in-differences panel: a numeric outcome, 0/1 treated and post columns, numeric covariates.</summary>
public static class PanelInput
{
    public static IReadOnlyList<PanelRow> Read(string path, string outcome, string treated, string post, IReadOnlyList<string> covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        var csv = CsvInput.Read(path, [outcome, treated, post, .. covariates]);
        var rows = csv.Rows.Select(r => new PanelRow(r.Double(outcome), Flag(r, treated), Flag(r, post), [.. covariates.Select(r.Double)])).ToList();
        if (rows.Count == 0)
        {
            throw new InputException(path, 1, null, "no data rows");
        }
        return rows;
    }

    private static bool Flag(CsvRow row, string column) => row.Text(column) switch
    {
        "1" => true,
        "0" => false,
        var other => throw row.Fail(column, $"'{other}' must be 0 or 1"),
    };
}
