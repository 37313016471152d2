using System.Text.RegularExpressions;

namespace Strata.Data.Tests.Engine;

/// <summary>
/// SQL lives only in Strata.Data: every other project under src/ (Domain, the CLI, the web, the application layer)
/// speaks to the engine through Data's typed calls. This reads their sources and fails on a string literal (plain,
/// verbatim, interpolated or raw) that holds SQL.
/// </summary>
public sealed partial class SqlOnlyInDataTests
{
    [Fact]
    public void No_project_but_Strata_Data_has_sql_in_a_string_literal()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var projects = Directory.GetDirectories(src).Where(d => Path.GetFileName(d) != "Strata.Data").ToList();
        Assert.Contains(projects, p => Path.GetFileName(p) == "Strata.Web");
        var found = projects.SelectMany(SourceFiles).SelectMany(file =>
        {
            var text = File.ReadAllText(file);
            return Literal().Matches(text).Where(m => Sql().IsMatch(m.Value))
                .Select(m => $"{Path.GetRelativePath(src, file)}:{text[..m.Index].Count(c => c == '\n') + 1}: {m.Value[..Math.Min(80, m.Value.Length)]}");
        }).ToList();
        Assert.True(found.Count == 0, "SQL outside Strata.Data:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("\"SELECT count(*) FROM activity\"")]
    [InlineData("$\"level = 'place' AND unit = {code}\" + \" ORDER BY kpi\"")]
    [InlineData("\"\"\"\n  CREATE TABLE IF NOT EXISTS web_users (name VARCHAR)\n  \"\"\"")]
    [InlineData("@\"UPDATE web_jobs SET status = 'x'\"")]
    [InlineData("$\"CASE WHEN ({age}) >= 85 THEN '85+' END\"")]
    public void The_check_recognises_sql_in_each_kind_of_literal(string code)
    {
        Assert.Contains(Literal().Matches(code), m => Sql().IsMatch(m.Value));
    }

    [Theory]
    [InlineData("\"Select a place to see its neighbourhoods\"")]
    [InlineData("\"Where do I put a new rule?\"")]
    public void Prose_is_not_sql(string code)
    {
        Assert.DoesNotContain(Literal().Matches(code), m => Sql().IsMatch(m.Value));
    }

    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(project, "*.*", SearchOption.AllDirectories)
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

    // Raw ("""…"""), verbatim (@"…") and regular or interpolated ("…") string literals.
    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|@\"(?:[^\"]|\"\")*\"|\"(?:\\\\.|[^\"\\\\\\n])*\"")]
    private static partial Regex Literal();

    // Upper-case SQL as the code base writes it; prose does not shout these words.
    [GeneratedRegex(@"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(OR\s+REPLACE\s+)?(TEMP(ORARY)?\s+)?(TABLE|VIEW|INDEX|SEQUENCE)|DROP\s+(TABLE|VIEW)|ALTER\s+TABLE|GROUP\s+BY|ORDER\s+BY|CASE\s+WHEN|WHERE|CAST\s*\()")]
    private static partial Regex Sql();
}
