using Strata.Data.Foundation;
using Strata.Domain.Foundation;

namespace Strata.Cli.Infrastructure;

/// <summary>
/// What `strata demo` hands each stage after generating and importing the demo ICB: the open workspace,
/// a folder for outputs and reports, the reference date, and a place to add lines to the printed summary.
/// </summary>
public sealed class DemoContext(Workspace workspace, DirectoryInfo outputDirectory, DateOnly referenceDate, DisclosurePolicy disclosure)
{
    private readonly List<(string Stage, string Line)> _summary = [];

    public Workspace Workspace { get; } = workspace;

    public DirectoryInfo OutputDirectory { get; } = outputDirectory;

    public DateOnly ReferenceDate { get; } = referenceDate;

    public DisclosurePolicy Disclosure { get; } = disclosure;

    public IReadOnlyList<(string Stage, string Line)> Summary => _summary;

    public void Report(string stage, string line) => _summary.Add((stage, line));
}
