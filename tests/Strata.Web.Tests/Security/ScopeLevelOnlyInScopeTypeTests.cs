using System.Text.RegularExpressions;

namespace Strata.Web.Tests.Security;

/// <summary>
/// A scope's level is decided in one place: <c>UserScope</c> (its <c>Area</c>, <c>Place</c>, <c>Neighbourhood</c>,
/// <c>IsIcbWide</c>, <c>DecisionTiers</c>, <c>Covers</c>, <c>Narrow</c>), and Strata.Data turns the resulting
/// <c>AreaFilter</c> into SQL. This reads every source file under src/ and fails on a switch or comparison on the
/// level anywhere else, so a page or query service cannot decide a scope again on its own.
/// </summary>
public sealed partial class ScopeLevelOnlyInScopeTypeTests
{
    private static readonly string ScopeType = Path.Combine("Strata.Web", "Security", "UserScope.cs");

    [Fact]
    public void No_source_but_the_scope_type_switches_on_a_scope_level()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = SourceFiles(src).ToList();
        Assert.Contains(files, f => Path.GetRelativePath(src, f) == ScopeType);
        var found = files.Where(f => Path.GetRelativePath(src, f) != ScopeType).SelectMany(file =>
        {
            var text = File.ReadAllText(file);
            return LevelUse().Matches(text)
                .Select(m => $"{Path.GetRelativePath(src, file)}:{text[..m.Index].Count(c => c == '\n') + 1}: {m.Value}");
        }).ToList();
        Assert.True(found.Count == 0, "Scope level decided outside UserScope:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("return scope.Level switch { ScopeLevel.Place => a, _ => b };")]
    [InlineData("if (user.Scope.Level != ScopeLevel.Icb)")]
    [InlineData("@if (Me?.Scope.Level == ScopeLevel.Neighbourhood)")]
    [InlineData("var x = user.Scope.Level;")]
    public void The_check_recognises_a_decision_on_the_level(string code) => Assert.Matches(LevelUse(), code);

    [Theory]
    [InlineData("if (!user.Scope.IsIcbWide)")]
    [InlineData("var hood = user.Scope.Neighbourhood;")]
    [InlineData("level.Level == \"place\"")]
    public void Asking_the_scope_type_is_not_a_decision_on_the_level(string code) => Assert.DoesNotMatch(LevelUse(), code);

    private static IEnumerable<string> SourceFiles(string src) =>
        Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Strata.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("Strata.slnx not found above the test's directory.");
    }

    [GeneratedRegex(@"\bScopeLevel\.\w+|\b[Ss]cope\??\.Level\b")]
    private static partial Regex LevelUse();
}
