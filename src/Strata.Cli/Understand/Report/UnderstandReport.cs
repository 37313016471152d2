using Strata.Data.Foundation;
using Strata.Domain.Foundation;
using Strata.Domain.Reporting;

namespace Strata.Cli.Understand.Report;

/// <summary>
/// The Understand stage's HTML report. Each section is a class with a static Add(HtmlReport, Workspace, DisclosurePolicy);
/// sections render in list order and skip themselves (or say what to run) when their tables are missing.
/// The demand projection has its own page (`strata project --html`).
/// </summary>
public static class UnderstandReport
{
    public const string FileName = "understand.html";

    public static IReadOnlyList<Action<HtmlReport, Workspace, DisclosurePolicy>> Sections { get; } =
    [
        SegmentSection.Add,
        RiskTierSection.Add,
        RiskModelSection.Add,
        ProfileSection.Add,
        InequalitySection.Add,
        VariationSection.Add,
    ];

    /// <summary>Writes the page into the directory and returns its path. The footer is the disclosure statement.</summary>
    public static string Write(Workspace workspace, DirectoryInfo directory, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(policy);
        var report = new HtmlReport("Strata: understanding the population");
        foreach (var section in Sections)
        {
            section(report, workspace, policy);
        }
        directory.Create();
        var path = Path.Combine(directory.FullName, FileName);
        File.WriteAllText(path, report.ToHtml(policy.Statement));
        return path;
    }
}
