using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Strata.Web.Tests.Infrastructure;

namespace Strata.Web.Tests.Api;

/// <summary>/api/export: any table a page shows, as CSV, Excel workbook or Parquet (figures from <see cref="TestPopulation"/>).</summary>
[Collection("web")]
public sealed class ExportTests(WebAppFixture web)
{
    private const string Statement = "Disclosure control applied: counts 1-7 suppressed";

    [Fact]
    public async Task An_excel_workbook_holds_the_scoped_table_as_numbers_with_its_disclosure_statement()
    {
        using var pat = await web.SignedIn("pat");
        var response = await pat.GetAsync("/api/export/segments?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(["Segment", "People", "% of population", "Mean long-term conditions", "Mean Cambridge Multimorbidity Score"], rows[0].Select(c => c.Text));
        // Place P1: 50 healthy_well (rounded to 5) of 60; numbers are numeric cells so Excel can sum them.
        Assert.Equal("healthy_well", rows[1][0].Text);
        Assert.Equal((50.0, true), (rows[1][1].Number, rows[1][1].IsNumber));
        Assert.Equal(83.3, rows[1][2].Number);
        Assert.Equal("Scope: Place P1", rows[^3][0].Text);
        Assert.Equal("Reference date: 31 Mar 2025 (2024/25)", rows[^2][0].Text);
        Assert.StartsWith(Statement, rows[^1][0].Text, StringComparison.Ordinal);
        await ApiTests.AssertAudited(web, "pat", "export", "segments.xlsx");
    }

    [Fact]
    public async Task A_suppressed_count_is_an_empty_cell_in_the_workbook()
    {
        using var ann = await web.SignedIn("ann");
        var rows = Sheet(await (await ann.GetAsync("/api/export/segments?format=xlsx")).Content.ReadAsByteArrayAsync());
        var endOfLife = rows.Single(r => r.Count > 0 && r[0].Text == "end_of_life");
        Assert.Equal("", endOfLife[1].Text);
        Assert.False(endOfLife[1].IsNumber);
    }

    [Fact]
    public async Task Tables_of_the_stage_pages_export_too()
    {
        using var nina = await web.SignedIn("nina");
        var decisions = await Csv(nina, "/api/export/decisions?format=csv");
        Assert.Contains(decisions, l => l.Contains("Award the community frailty contract", StringComparison.Ordinal));
        using var ann = await web.SignedIn("ann");
        var fan = await Csv(ann, "/api/export/scenario-fan?format=csv&scenario=S1&setting=emergency&measure=cost");
        Assert.Contains(fan, l => l.StartsWith("3,", StringComparison.Ordinal) && l.Contains("1250", StringComparison.Ordinal));

        using var pat = await web.SignedIn("pat");
        var kpi = await Csv(pat, "/api/export/kpi?format=csv&kpi=emergency_admissions_per_1000");
        Assert.Equal("Scope: Place P1", kpi.Single(l => l.StartsWith("Scope:", StringComparison.Ordinal)));
        Assert.All(kpi.Skip(1).TakeWhile(l => l.Length > 0), l => Assert.Contains(",50,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_keeps_the_pages_scope_rules()
    {
        using var pat = await web.SignedIn("pat");
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/export/scenario-fan?format=xlsx&scenario=S1&setting=emergency")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.GetAsync("/api/export/segments?format=xlsx&place=P2")).StatusCode);
    }

    [Fact]
    public async Task A_missing_parameter_unknown_table_or_format_is_a_400_that_names_it()
    {
        using var ann = await web.SignedIn("ann");
        var noScenario = await ann.GetAsync("/api/export/scenario-fan?format=csv&setting=emergency");
        Assert.Equal(HttpStatusCode.BadRequest, noScenario.StatusCode);
        Assert.Contains("'scenario'", await noScenario.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await ann.GetAsync("/api/export/nonsense?format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("segments", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var format = await ann.GetAsync("/api/export/segments?format=docx");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("xlsx", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record SheetCell(string Text, double? Number)
    {
        public bool IsNumber => Number is not null;
    }

    /// <summary>The first sheet's rows, read back with the Open XML SDK: inline strings as text, numbers as numbers.</summary>
    private static List<List<SheetCell>> Sheet(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? new SheetCell(c.InlineString!.InnerText, null)
            : c.CellValue is { } v ? new SheetCell(v.Text, double.Parse(v.Text, System.Globalization.CultureInfo.InvariantCulture))
            : new SheetCell("", null)).ToList()).ToList();
    }

    private static async Task<string[]> Csv(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
    }
}
