using System.Globalization;
using System.Net;
using System.Text;

namespace Strata.Domain.Reporting;

/// <summary>
/// A self-contained, accessible HTML report page (no scripts, no external assets): headings, text, tables and
/// inline SVG charts. Every stage writes its report pages through this one builder.
/// </summary>
public sealed class HtmlReport(string title)
{
    private readonly StringBuilder _body = new();

    public string Title { get; } = title;

    public HtmlReport Heading(string text, int level = 2)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<h{level}>{Encode(text)}</h{level}>\n");
        return this;
    }

    public HtmlReport Paragraph(string text)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<p>{Encode(text)}</p>\n");
        return this;
    }

    /// <summary>A data table with a caption and column headers (scope=col) for screen readers.</summary>
    public HtmlReport Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<table>\n<caption>{Encode(caption)}</caption>\n<thead><tr>");
        foreach (var h in headers)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{Encode(h)}</th>");
        }
        _body.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append(CultureInfo.InvariantCulture, $"<td>{Encode(cell)}</td>");
            }
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody>\n</table>\n");
        return this;
    }

    public HtmlReport Chart(SvgChart chart)
    {
        _body.Append("<figure>").Append(chart.ToSvg())
            .Append(CultureInfo.InvariantCulture, $"<figcaption>{Encode(chart.Title)}</figcaption></figure>\n");
        return this;
    }

    public HtmlReport Chart(SvgPyramid pyramid)
    {
        ArgumentNullException.ThrowIfNull(pyramid);
        _body.Append("<figure>").Append(pyramid.ToSvg())
            .Append(CultureInfo.InvariantCulture, $"<figcaption>{Encode(pyramid.Title)}</figcaption></figure>\n");
        return this;
    }

    /// <summary>The disclosure statement (or any note) in the footer of the page.</summary>
    public string ToHtml(string footer) => $$"""
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(Title)}}</title>
        <style>
        body{font-family:Arial,Helvetica,sans-serif;color:#212b32;margin:0;line-height:1.5}
        header{background:#005eb8;color:#fff;padding:1rem 2rem}main{padding:1rem 2rem;max-width:1200px}
        a.skip{position:absolute;left:-999px}a.skip:focus{left:1rem;top:1rem;background:#ffeb3b;color:#212b32;padding:.5rem}
        table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.25rem 0}
        th,td{border:1px solid #aeb7bd;padding:.25rem .5rem;text-align:right}th{background:#e8edee}
        td:first-child,th:first-child{text-align:left}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#4c6272}
        footer{border-top:4px solid #005eb8;padding:1rem 2rem;color:#4c6272;font-size:.9rem}
        </style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><h1>{{Encode(Title)}}</h1></header>
        <main id="main">
        {{_body}}</main>
        <footer><p>{{Encode(footer)}}</p></footer>
        </body>
        </html>
        """;

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
