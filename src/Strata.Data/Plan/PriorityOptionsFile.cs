using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>
/// Prioritisation options: a JSON file {"criteria": [{"name", "weight", "higher_is_better"}], "options": [{"id", "name",
/// "kind": "invest"|"disinvest", "cost": £ or [lo, hi], "benefit": n or [lo, hi], "scores": {criterion: value}}]},
/// or options derived from a scenario result (each intervention an invest option).
/// </summary>
public static class PriorityOptionsFile
{
    public static (IReadOnlyList<PriorityOption> Options, IReadOnlyList<Criterion> Criteria) Read(string path, int draws, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return (ReadCsv(path, draws, seed), Prioritisation.DefaultCriteria);
        }
        var json = JsonInput.Read(path).Only("criteria", "options");
        var criteria = json.Optional("criteria")?.Items().Select(c =>
        {
            c.Only("name", "weight", "higher_is_better");
            var hib = c.Optional("higher_is_better");
            var higher = hib is null || hib.Element.ValueKind == System.Text.Json.JsonValueKind.True
                || (hib.Element.ValueKind == System.Text.Json.JsonValueKind.False ? false : throw hib.Fail("expected true or false"));
            return new Criterion(c.Required("name").String(), c.Required("weight").Number(0, 1000), higher);
        }).ToList() ?? [.. Prioritisation.DefaultCriteria];
        var rng = Rng.Fork(seed, 0);
        var options = new List<PriorityOption>();
        foreach (var o in json.Required("options").Items())
        {
            o.Only("id", "name", "kind", "cost", "benefit", "scores");
            var id = o.Required("id").String();
            if (options.Any(x => x.Id == id))
            {
                throw o.Required("id").Fail($"option id '{id}' is defined twice");
            }
            var cost = Amount(o.Required("cost"));
            var benefit = Amount(o.Required("benefit"));
            var scores = o.Optional("scores")?.Properties().ToDictionary(p => p.Name, p => p.Value.Number()) ?? [];
            foreach (var c in criteria.Where(c => c.Name is not ("benefit" or "cost") && !scores.ContainsKey(c.Name)))
            {
                throw o.Required("scores").Fail($"no score for criterion '{c.Name}'");
            }
            var uncertain = cost.Lo < cost.Hi || benefit.Lo < benefit.Hi;
            options.Add(new PriorityOption(id, o.Optional("name")?.String() ?? id,
                (o.Optional("kind")?.OneOf(["invest", "disinvest"]) ?? "invest") == "disinvest",
                cost.Mean, benefit.Mean, scores,
                uncertain ? Prioritisation.DrawsOf(cost, draws, rng) : null,
                uncertain ? Prioritisation.DrawsOf(benefit, draws, rng) : null));
        }
        if (options.Count > 60)
        {
            throw json.Required("options").Fail($"{options.Count} options; the exact portfolio search is for up to 60");
        }
        return (options, criteria);
    }

    /// <summary>
    /// Invest options from a scenario: cost = discounted intervention cost, benefit = discounted gross saving with its
    /// P10–P90 as an 80% interval for the draws, equity = share of effect in the most deprived quintile, other scores from the file.
    /// </summary>
    public static IReadOnlyList<PriorityOption> FromScenario(ScenarioReport report, int draws, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rng = Rng.Fork(seed, 1);
        return [.. report.Interventions.Select(iv =>
        {
            var f = report.Financials.Single(x => x.Id == iv.Id);
            var scores = new Dictionary<string, double>(iv.Scores) { ["equity"] = iv.EquityShare };
            return new PriorityOption(iv.Id, iv.Name, false, f.DiscountedCost, f.DiscountedGross, scores,
                null, Prioritisation.DrawsOf(new Interval80(f.GrossPv.P10, f.GrossPv.P90), draws, rng));
        })];
    }

    /// <summary>
    /// CSV options with the default criteria: id, name, kind, cost, benefit, optional cost_lo/cost_hi and
    /// benefit_lo/benefit_hi (80% intervals), and one column per scored criterion (equity, strategic_fit, deliverability).
    /// </summary>
    public static IReadOnlyList<PriorityOption> ReadCsv(string path, int draws, ulong seed)
    {
        var scored = Prioritisation.DefaultCriteria.Select(c => c.Name).Where(n => n is not ("benefit" or "cost")).ToArray();
        var csv = CsvInput.Read(path, ["id", "cost", "benefit", .. scored]);
        var rng = Rng.Fork(seed, 0);
        var options = new List<PriorityOption>();
        foreach (var row in csv.Rows)
        {
            Interval80 Range(string name)
            {
                var mid = row.Double(name);
                var (lo, hi) = (row.OptionalDouble(name + "_lo") ?? mid, row.OptionalDouble(name + "_hi") ?? mid);
                return lo >= 0 && lo <= hi ? new Interval80(lo, hi) : throw row.Fail(name + "_lo", "need 0 ≤ lo ≤ hi");
            }
            var id = row.Text("id");
            if (options.Any(o => o.Id == id))
            {
                throw row.Fail("id", $"option id '{id}' is defined twice");
            }
            var kind = row.OptionalText("kind") ?? "invest";
            if (kind is not ("invest" or "disinvest"))
            {
                throw row.Fail("kind", $"'{kind}' is not invest or disinvest");
            }
            var (cost, benefit) = (Range("cost"), Range("benefit"));
            var uncertain = cost.Lo < cost.Hi || benefit.Lo < benefit.Hi;
            options.Add(new PriorityOption(id, row.OptionalText("name") ?? id, kind == "disinvest", cost.Mean, benefit.Mean,
                scored.ToDictionary(n => n, row.Double),
                uncertain ? Prioritisation.DrawsOf(cost, draws, rng) : null, uncertain ? Prioritisation.DrawsOf(benefit, draws, rng) : null));
        }
        return options.Count <= 60 ? options : throw new InputException(path, 0, null, $"{options.Count} options; the exact portfolio search is for up to 60");
    }

    private static Interval80 Amount(JsonInput j)
    {
        if (j.Element.ValueKind == System.Text.Json.JsonValueKind.Number)
        {
            return Interval80.Point(j.Number(0, double.MaxValue));
        }
        var items = j.Items().ToList();
        if (items.Count != 2)
        {
            throw j.Fail($"expected a number or [lo, hi], found {items.Count} values");
        }
        var (lo, hi) = (items[0].Number(0, double.MaxValue), items[1].Number(0, double.MaxValue));
        return lo <= hi ? new Interval80(lo, hi) : throw j.Fail("lo is greater than hi");
    }
}
