using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Evaluate;
using Strata.Domain.Evaluate;

namespace Strata.Cli.Evaluate;

/// <summary>`strata did`: difference-in-differences on an external panel, with HC1 robust standard errors.</summary>
public static class DidCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "Panel CSV, one row per unit and period.", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "Outcome column (numeric).", Required = true };
        var treated = new Option<string>("--treated-unit") { Description = "Column that is 1 for treated units, 0 for comparison units.", Required = true };
        var post = new Option<string>("--treated-time") { Description = "Column that is 1 for periods after the intervention, 0 before.", Required = true };
        var covariates = new Option<string?>("--covariates") { Description = "Comma-separated numeric covariate columns." };
        var json = CommonOptions.Json();
        var command = new Command("did", "Difference-in-differences (OLS with treated × post, HC1 robust standard errors).")
        {
            input, outcome, treated, post, covariates, json,
        };
        command.SetAction(r =>
        {
            var covs = (r.GetValue(covariates) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var rows = PanelInput.Read(r.GetValue(input)!.FullName, r.GetValue(outcome)!, r.GetValue(treated)!, r.GetValue(post)!, covs);
            var fit = DifferenceInDifferences.Estimate(rows, covs);
            var effect = fit[DifferenceInDifferences.EffectTerm];
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    Effect = effect.Estimate,
                    effect.StandardError,
                    CiLow = effect.CiLow,
                    CiHigh = effect.CiHigh,
                    effect.PValue,
                    fit.N,
                    fit.RSquared,
                    StandardErrors = "HC1",
                    fit.Coefficients,
                });
                return 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Effect (treated × post): {effect.Estimate:0.####}  SE {effect.StandardError:0.####}  95% CI {effect.CiLow:0.####} to {effect.CiHigh:0.####}  n = {fit.N}"));
            var table = new Table().AddColumns("Term", "Estimate", "Robust SE (HC1)", "95% CI", "p");
            foreach (var c in fit.Coefficients)
            {
                table.AddRow(CliErrors.Safe(c.Name), F(c.Estimate), F(c.StandardError), $"{F(c.CiLow)} to {F(c.CiHigh)}", F(c.PValue));
            }
            CliTables.Write(table);
            return 0;
        });
        return command;
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
