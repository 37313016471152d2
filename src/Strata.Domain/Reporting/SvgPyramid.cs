using System.Globalization;
using System.Text;

namespace Strata.Domain.Reporting;

/// <summary>
/// A population pyramid as inline SVG, drawn the way it is read: horizontal bars, youngest age band at the bottom,
/// males to the left and females to the right of a central axis, both counted upwards from zero (no negative
/// counts). A suppressed count is drawn as a short hatched stub marked "suppressed", never as a bar of zero.
/// </summary>
public sealed class SvgPyramid(string title, int width = 800)
{
    private const int RowHeight = 18, Top = 40, Bottom = 40, Centre = 60;
    private readonly List<(string Band, long? Male, long? Female)> _rows = [];

    public string Title { get; } = title;

    /// <summary>One age band (add them youngest first); null is a suppressed count.</summary>
    public SvgPyramid Band(string band, long? male, long? female)
    {
        _rows.Add((band, male, female));
        return this;
    }

    public string ToSvg()
    {
        var height = Top + Bottom + Math.Max(1, _rows.Count) * RowHeight;
        var max = Math.Max(1, _rows.SelectMany(r => new[] { r.Male ?? 0, r.Female ?? 0 }).DefaultIfEmpty(0).Max());
        var mid = width / 2.0;
        var half = mid - Centre / 2.0 - 20;
        double Len(long v) => v / (double)max * half;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"p\">"));
        sb.Append(Inv($"<title id=\"p\">{HtmlReport.Encode(Title)}</title>"));
        sb.Append("<defs><pattern id=\"suppressed\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
            .Append("<rect width=\"6\" height=\"6\" fill=\"#e8edee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#768692\" stroke-width=\"2\"/></pattern></defs>");
        sb.Append(Inv($"<text x=\"{mid - Centre / 2.0 - 4:0.#}\" y=\"24\" font-size=\"12\" text-anchor=\"end\" font-weight=\"700\">Male</text>"));
        sb.Append(Inv($"<text x=\"{mid + Centre / 2.0 + 4:0.#}\" y=\"24\" font-size=\"12\" font-weight=\"700\">Female</text>"));
        for (var i = 0; i < _rows.Count; i++)
        {
            var (band, male, female) = _rows[i];
            // Youngest at the bottom.
            var y = Top + (_rows.Count - 1 - i) * RowHeight;
            sb.Append(Inv($"<text x=\"{mid:0.#}\" y=\"{y + RowHeight - 5}\" font-size=\"11\" text-anchor=\"middle\">{HtmlReport.Encode(band)}</text>"));
            Bar(sb, band, "Male", male, mid - Centre / 2.0, -1, y, Len);
            Bar(sb, band, "Female", female, mid + Centre / 2.0, 1, y, Len);
        }
        var axisY = Top + _rows.Count * RowHeight + 16;
        sb.Append(Inv($"<text x=\"{mid:0.#}\" y=\"{axisY + 14}\" font-size=\"12\" text-anchor=\"middle\">People (bars of equal length are equal counts; hatched = suppressed)</text>"));
        sb.Append(Inv($"<text x=\"{mid - Centre / 2.0 - half:0.#}\" y=\"{axisY}\" font-size=\"11\">{Count(max)}</text>"));
        sb.Append(Inv($"<text x=\"{mid + Centre / 2.0 + half:0.#}\" y=\"{axisY}\" font-size=\"11\" text-anchor=\"end\">{Count(max)}</text>"));
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Bar(StringBuilder sb, string band, string sex, long? count, double start, int direction, int y, Func<long, double> len)
    {
        var h = RowHeight - 4;
        if (count is not { } n)
        {
            const double stub = 24;
            var sx = direction > 0 ? start : start - stub;
            sb.Append(Inv($"<rect x=\"{sx:0.#}\" y=\"{y + 2}\" width=\"{stub}\" height=\"{h}\" fill=\"url(#suppressed)\"><title>{HtmlReport.Encode(sex)} {HtmlReport.Encode(band)}: suppressed</title></rect>"));
            var tx = direction > 0 ? start + stub + 4 : start - stub - 4;
            sb.Append(Inv($"<text x=\"{tx:0.#}\" y=\"{y + h}\" font-size=\"10\"{(direction < 0 ? " text-anchor=\"end\"" : "")} fill=\"#4c6272\">suppressed</text>"));
            return;
        }
        var w = len(n);
        var x = direction > 0 ? start : start - w;
        var colour = sex == "Male" ? "#005eb8" : "#7c2855";
        sb.Append(Inv($"<rect x=\"{x:0.#}\" y=\"{y + 2}\" width=\"{w:0.#}\" height=\"{h}\" fill=\"{colour}\"><title>{HtmlReport.Encode(sex)} {HtmlReport.Encode(band)}: {Count(n)}</title></rect>"));
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
