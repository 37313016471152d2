using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Strata.Cli.Infrastructure;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Domain.Understand;

namespace Strata.Cli.Understand;

/// <summary>`strata cohorts`: the neighbourhood cohorts (frail 75+, end of life, multiple long-term conditions, care-home residents, housebound) per neighbourhood, disclosure-controlled with cell keys.</summary>
public static class CohortsCommand
{
    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var at = CommonOptions.Date("--at", "Reference date, yyyy-mm-dd (default: data end).");
        var json = CommonOptions.Json();
        var noDisclosure = CommonOptions.NoDisclosure();
        var command = new Command("cohorts", "Neighbourhood cohorts: people 75+ with moderate or severe frailty, at the end of life, with 2+ long-term conditions, in care homes, housebound; activity, spend and change over a year.")
        {
            workspace, at, json, noDisclosure,
        };
        command.SetAction(r =>
        {
            var policy = CommonOptions.Disclosure(r.GetValue(noDisclosure));
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            var date = CommonOptions.ReferenceDate(r, at, ws.Engine);
            var rows = NeighbourhoodCohortCounts.Compute(ws.Engine, date).Select(c => CohortRow.Release(c, policy)).ToList();
            const string Note = "Care-home residents and housebound people: the people fields care_home and housebound (1 = yes), status at the extract date, so no year-earlier count; people whose record does not say are not counted.";
            var frailty = $"Frail 75+: coded moderate/severe frailty, or an eFI-style score ≥ {FrailtyIndex.ModerateFrom}/36 deficits (moderate, Clegg et al. 2016) from the {FrailtyIndex.CodableDeficits} eFI deficits the vocabulary codes.";
            if (r.GetValue(json))
            {
                Output.Json(new
                {
                    ReferenceDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ActivityWindow = "12 months to the reference date",
                    Rows = rows,
                    Notes = new[] { frailty, Note },
                    Disclosure = policy.Statement,
                });
                return 0;
            }
            var table = new Table().AddColumns("Neighbourhood", "Cohort", "People", "Year before", "Change", "Emergency admissions", "A&E attendances", "Spend (£)");
            foreach (var row in rows)
            {
                table.AddRow(CliErrors.Safe(row.Neighbourhood), row.Cohort.ToString(), N(row.People), N(row.PeopleYearBefore), N(row.Change),
                    N(row.EmergencyAdmissions), N(row.AeAttendances), row.SpendGbp is { } s ? s.ToString("N0", CultureInfo.InvariantCulture) : "suppressed");
            }
            CliTables.Write(table);
            Console.WriteLine(frailty);
            Console.WriteLine(Note);
            Console.WriteLine(policy.Statement);
            return 0;
        });
        return command;
    }

    private static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "suppressed";
}
