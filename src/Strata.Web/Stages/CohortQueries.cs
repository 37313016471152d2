using Strata.Data.Foundation;
using Strata.Data.Understand;
using Strata.Data.Understand.Risk;
using Strata.Domain.Foundation;
using Strata.Domain.Understand;
using Strata.Web.Infrastructure;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Stages;

/// <summary>The cohort table and the notes that say how each cohort is found.</summary>
public sealed record CohortsView(AggregateTable Table, IReadOnlyList<string> Notes);

/// <summary>
/// The neighbourhood cohorts (frail 75+, end of life, 2+ long-term conditions, care-home residents, housebound) per
/// neighbourhood in the user's scope, from the same <see cref="NeighbourhoodCohortCounts"/> as `strata cohorts`:
/// counts with their cell keys through the disclosure policy, spend withheld with a suppressed people count. No
/// person-level list is produced.
/// </summary>
public sealed class CohortQueries(WorkspaceGate gate, DisclosurePolicy policy)
{
    public const string Title = "Neighbourhood cohorts: people, activity and spend in the 12 months to the reference date";

    public CohortsView Cohorts(WebUser user, AreaFilter area) => gate.Use(engine =>
    {
        ArgumentNullException.ThrowIfNull(area);
        // Scope first: an out-of-scope area is refused whatever exists.
        var inScope = Geography.Codes(engine, AreaLevel.Neighbourhood, PopulationQueries.Within(engine, user, area)).ToHashSet(StringComparer.Ordinal);
        // The reference date of the current segmentation, else the end of the activity data.
        var at = Segmentation.Current(engine)?.ReferenceDate ?? (ActivitySpan.Last(engine) is null ? (DateOnly?)null : RiskStratification.DataEnd(engine));
        if (at is not { } date)
        {
            return new CohortsView(AggregateTable.Missing("cohorts", Title, area.Describe(user.Scope), "No activity in this workspace yet: import data first.", policy.Statement), []);
        }
        var rows = NeighbourhoodCohortCounts.Compute(engine, date)
            .Where(c => inScope.Contains(c.Neighbourhood))
            .Select(c => CohortRow.Release(c, policy))
            .ToList();
        var table = new AggregateTable("cohorts", Title, area.Describe(user.Scope), date,
            [
                new("neighbourhood", "Neighbourhood", ColumnKind.Text), new("cohort", "Cohort", ColumnKind.Text),
                new("people", "People", ColumnKind.Count), new("people_year_before", "People a year earlier", ColumnKind.Count),
                new("change", "Change", ColumnKind.Number), new("emergency_admissions", "Emergency admissions", ColumnKind.Count),
                new("ae_attendances", "A&E attendances", ColumnKind.Count), new("spend_gbp", "Spend (£, nearest £1,000)", ColumnKind.Pounds),
            ],
            [.. rows.Select(r => new object?[]
            {
                r.Neighbourhood, Label(r.Cohort), r.People, r.PeopleYearBefore, r.Change, r.EmergencyAdmissions, r.AeAttendances, r.SpendGbp,
            })],
            policy.Statement);
        return new CohortsView(table, Notes);
    });

    /// <summary>How each cohort is found (shown under the table and returned by the API).</summary>
    public static IReadOnlyList<string> Notes =>
    [
        $"Frail 75+: aged 75 or over with a coded moderate or severe frailty diagnosis, or an eFI-style score of at least {FrailtyIndex.ModerateFrom}/36 deficits (moderate; Clegg et al., Age and Ageing 2016) from the {FrailtyIndex.CodableDeficits} eFI deficits the condition vocabulary codes.",
        "End of life: on the palliative care register (palliative_care coded in the last 12 months).",
        "Multiple long-term conditions: 2 or more of the 20 Cambridge Multimorbidity Score conditions.",
        "Care-home residents and housebound people: the people fields care_home and housebound (1 = yes). They are status at the extract date with no date of their own, so these cohorts have no year-earlier count; people whose record does not say are not counted.",
        "Care-plan coverage is not in the data model and is not shown.",
    ];

    public static string Label(NeighbourhoodCohort cohort) => cohort switch
    {
        NeighbourhoodCohort.Frail75Plus => "Frail, aged 75+",
        NeighbourhoodCohort.EndOfLife => "End of life",
        NeighbourhoodCohort.MultipleLongTermConditions => "2+ long-term conditions",
        NeighbourhoodCohort.CareHomeResidents => "Care-home residents",
        _ => "Housebound",
    };
}
