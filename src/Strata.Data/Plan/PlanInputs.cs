using System.Globalization;
using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Plan;

namespace Strata.Data.Plan;

/// <summary>Scenario settings that are not interventions: money assumptions and each provider's payment model.</summary>
public sealed record ScenarioSettings(FinanceAssumptions Finance, IReadOnlyDictionary<string, IProviderPaymentModel> PaymentModels)
{
    public static ScenarioSettings Default { get; } = new(FinanceAssumptions.Default, new Dictionary<string, IProviderPaymentModel>());
}

/// <summary>Small plan inputs: growth and capacity CSVs, the scenario settings file, the --ndg option.</summary>
public static class PlanInputs
{
    /// <summary>
    /// Demographic growth CSV: age_band, sex, and either year + factor (population relative to the baseline year) or
    /// growth_rate (annual). Sex '*' means both sexes. Bands not listed do not grow.
    /// </summary>
    public static DemographicGrowth ReadGrowth(string path)
    {
        var csv = CsvInput.Read(path, "age_band", "sex");
        var byFactor = csv.Has("factor");
        if (!byFactor && !csv.Has("growth_rate"))
        {
            throw new InputException(path, 1, "factor", "need either year + factor columns or a growth_rate column");
        }
        if (byFactor && !csv.Has("year"))
        {
            throw new InputException(path, 1, "year", "a factor column needs a year column");
        }
        var growth = new DemographicGrowth();
        foreach (var row in csv.Rows)
        {
            var band = row.Text("age_band");
            if (!AgeBands.All.Contains(band))
            {
                throw row.Fail("age_band", $"'{band}' is not an age band ({string.Join(", ", AgeBands.All)})");
            }
            var sex = row.Text("sex");
            var sexes = sex == "*" ? Vocabulary.Sexes : Vocabulary.Sexes.Contains(sex) ? [sex] : throw row.Fail("sex", $"'{sex}' is not F, M, U or *");
            foreach (var sx in sexes)
            {
                if (byFactor)
                {
                    var year = row.Long("year");
                    var factor = row.Double("factor");
                    if (year is < 1 or > 50 || factor <= 0)
                    {
                        throw row.Fail(year is < 1 or > 50 ? "year" : "factor", "year must be 1..50 and factor positive");
                    }
                    growth.SetFactor(band, sx, (int)year, factor);
                }
                else
                {
                    var rate = row.Double("growth_rate");
                    growth.SetRate(band, sx, rate > -1 ? rate : throw row.Fail("growth_rate", "an annual rate must be above -1"));
                }
            }
        }
        return growth;
    }

    /// <summary>--ndg setting=rate,... over the defaults.</summary>
    public static IReadOnlyDictionary<string, double> ParseNdg(string? option)
    {
        var ndg = new Dictionary<string, double>(NonDemographicGrowth.Defaults);
        if (string.IsNullOrWhiteSpace(option))
        {
            return ndg;
        }
        foreach (var part in option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !Vocabulary.Settings.Contains(kv[0])
                || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate <= -1)
            {
                throw new InputException("--ndg", 0, part, "expected setting=rate with a known setting and a rate above -1, e.g. emergency_admission=0.01");
            }
            ndg[kv[0]] = rate;
        }
        return ndg;
    }

    /// <summary>--health-status LO:HI (healthy years gained per calendar year, an 80% interval), 'default' or 'off'.</summary>
    public static HealthStatusAdjustment? ParseHealthStatus(string? option, bool byDefault)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            return byDefault ? HealthStatusAdjustment.Default : null;
        }
        switch (option.Trim())
        {
            case "off":
                return null;
            case "default":
                return HealthStatusAdjustment.Default;
        }
        var parts = option.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi) && lo >= 0 && hi >= lo && hi <= 1)
        {
            return new HealthStatusAdjustment(new Interval80(lo, hi));
        }
        throw new InputException("--health-status", 0, option, "expected LO:HI with 0 <= LO <= HI <= 1 (healthy years gained per year), 'default' or 'off'");
    }

    /// <summary>Capacity CSV: setting, capacity (activity a year), optional year (else every year).</summary>
    public static IReadOnlyList<(string Setting, int? Year, double Capacity)> ReadCapacity(string path)
    {
        var csv = CsvInput.Read(path, "setting", "capacity");
        return [.. csv.Rows.Select(r =>
        {
            var setting = r.Text("setting");
            if (!Vocabulary.Settings.Contains(setting))
            {
                throw r.Fail("setting", $"'{setting}' is not a setting");
            }
            var year = csv.Has("year") && r.OptionalText("year") is not null ? (int?)r.Long("year") : null;
            var cap = r.Double("capacity");
            return cap >= 0 ? (setting, year, cap) : throw r.Fail("capacity", "capacity cannot be negative");
        })];
    }

    /// <summary>
    /// Scenario settings JSON: {"discount_rate": 0.035, "variable_share": {"default": 0.5, "&lt;setting&gt;": x},
    /// "step_size": {"&lt;setting&gt;": units}, "payment_models": {"&lt;provider&gt;": "activity" | "block" | {"type": "blended", "variable_share": x}}}.
    /// </summary>
    public static ScenarioSettings ReadSettings(string path)
    {
        var json = JsonInput.Read(path).Only("discount_rate", "variable_share", "step_size", "payment_models");
        var d = FinanceAssumptions.Default;
        var share = new Dictionary<string, double>();
        var defaultShare = d.DefaultVariableShare;
        foreach (var (name, value) in json.Optional("variable_share")?.Properties() ?? [])
        {
            if (name == "default")
            {
                defaultShare = value.Number(0, 1);
            }
            else
            {
                share[SettingName(value, name)] = value.Number(0, 1);
            }
        }
        var steps = new Dictionary<string, double>(d.StepSize);
        foreach (var (name, value) in json.Optional("step_size")?.Properties() ?? [])
        {
            steps[SettingName(value, name)] = value.Number(0, double.MaxValue);
        }
        var models = new Dictionary<string, IProviderPaymentModel>(StringComparer.Ordinal);
        foreach (var (provider, value) in json.Optional("payment_models")?.Properties() ?? [])
        {
            models[provider] = value.Element.ValueKind == System.Text.Json.JsonValueKind.String
                ? value.OneOf(["activity", "block"]) == "block" ? BlockPayment.Instance : ActivityBasedPayment.Instance
                : Blended(value);
        }
        var finance = new FinanceAssumptions(json.Optional("discount_rate")?.Number(0, 1) ?? d.DiscountRate, defaultShare, share, steps);
        return new ScenarioSettings(finance, models);
    }

    private static BlendedPayment Blended(JsonInput value)
    {
        value.Only("type", "variable_share");
        _ = value.Required("type").OneOf(["blended"]);
        return new BlendedPayment(value.Required("variable_share").Number(0, 1));
    }

    private static string SettingName(JsonInput at, string name) =>
        Vocabulary.Settings.Contains(name) ? name : throw at.Fail($"'{name}' is not a setting");
}
