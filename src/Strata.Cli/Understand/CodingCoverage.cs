using System.Globalization;
using Strata.Data.Understand;

namespace Strata.Cli.Understand;

/// <summary>One line saying how many coded records matched no codelist, per code system (record counts, not people).</summary>
internal static class CodingCoverage
{
    public static string Line(IReadOnlyList<ConditionFlags.Coverage> coding) =>
        coding.Count == 0
            ? "Coded records: none up to this date."
            : "Coded records matching no codelist (records, not people): " + string.Join("; ", coding.Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.CodeSystem} {c.Unmatched:N0} of {c.Records:N0}"))) +
              (coding.Any(c => c.Records > 0 && c.Unmatched == c.Records && c.CodeSystem != "strata")
                  ? " (a code system none of whose codes matched: check the codes are ICD-10 / SNOMED CT as declared)"
                  : "") + ".";
}
