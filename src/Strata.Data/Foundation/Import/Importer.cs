namespace Strata.Data.Foundation.Import;

/// <summary>Per-file reconciliation: Read = Loaded + Rejected, always.</summary>
public sealed record FileImportSummary(string Table, string File, long Read, long Loaded, long Rejected);

public sealed record ImportSummary(IReadOnlyList<FileImportSummary> Files, string RejectsFile);

/// <summary>Validated, atomic, idempotent import of format v1 files into a workspace (docs/data-format.md).</summary>
public static class Importer
{
    public static ImportSummary Import(Workspace workspace, string directory, Action<double, string>? progress = null) =>
        throw new NotImplementedException("Importer: see issue 2.");
}
