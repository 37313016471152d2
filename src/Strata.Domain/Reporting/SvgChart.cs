using System.Globalization;
using System.Text;

namespace Strata.Domain.Reporting;

/// <summary>
/// Minimal inline SVG charts on numeric axes: lines, shaded bands (fan charts, limits), points and bars
/// (with a base, so waterfalls and pyramids are bars too). Enough for every stage's report; no scripts.
/// </summary>
public sealed class SvgChart(string title, string xLabel, string yLabel, int width = 800, int height = 360)
{
    private const int Left = 70, Right = 20, Top = 30, Bottom = 50;
    private readonly List<Series> _series = [];
    private readonly List<(double X, string Label)> _xTicks = [];

    public string Title { get; } = title;

    /// <summary>NHS identity palette, in series order.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#005eb8", "#da291c", "#009639", "#ed8b00", "#7c2855", "#00a499", "#425563", "#ffb81c"];

    public SvgChart Line(string name, IEnumerable<(double X, double Y)> points, string? colour = null, bool dashed = false)
    {
        _series.Add(new Series(Kind.Line, name, [.. points], [], colour, dashed));
        return this;
    }

    /// <summary>A shaded band between lower and upper at each x (fan chart, control limits).</summary>
    public SvgChart Band(string name, IEnumerable<(double X, double Low, double High)> band, string? colour = null)
    {
        var list = band.ToList();
        _series.Add(new Series(Kind.Band, name, [.. list.Select(b => (b.X, b.Low))], [.. list.Select(b => (b.X, b.High))], colour, false));
        return this;
    }

    public SvgChart Points(string name, IEnumerable<(double X, double Y)> points, string? colour = null)
    {
        _series.Add(new Series(Kind.Points, name, [.. points], [], colour, false));
        return this;
    }

    /// <summary>Bars from base to top at each x; width in x units.</summary>
    public SvgChart Bars(string name, IEnumerable<(double X, double Base, double Top)> bars, double barWidth = 0.8, string? colour = null)
    {
        var list = bars.ToList();
        _series.Add(new Series(Kind.Bars, name, [.. list.Select(b => (b.X, b.Base))], [.. list.Select(b => (b.X, b.Top))], colour, false, barWidth));
        return this;
    }

    /// <summary>Categorical x-axis labels at given positions (years, units, segments).</summary>
    public SvgChart XTicks(IEnumerable<(double X, string Label)> ticks)
    {
        _xTicks.AddRange(ticks);
        return this;
    }

    public string ToSvg()
    {
        var all = _series.SelectMany(s => s.A.Concat(s.B)).Where(p => double.IsFinite(p.Y)).ToList();
        var (x0, x1) = Range(all.Select(p => p.X));
        var (y0, y1) = Range(all.Select(p => p.Y).Append(0));
        var pw = width - Left - Right;
        var ph = height - Top - Bottom;
        var barPad = _series.Where(s => s.Kind == Kind.Bars).Select(s => s.BarWidth / 2).DefaultIfEmpty(0).Max();
        x0 -= barPad;
        x1 += barPad;
        double Sx(double x) => Left + (x - x0) / (x1 - x0) * pw;
        double Sy(double y) => Top + ph - (y - y0) / (y1 - y0) * ph;

        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"t\">"));
        sb.Append(Inv($"<title>{HtmlReport.Encode(Title)}</title>"));
        sb.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{pw}\" height=\"{ph}\" fill=\"#fff\" stroke=\"#aeb7bd\"/>"));
        foreach (var t in Ticks(y0, y1))
        {
            sb.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left + pw}\" y1=\"{Sy(t):0.#}\" y2=\"{Sy(t):0.#}\" stroke=\"#e8edee\"/><text x=\"{Left - 6}\" y=\"{Sy(t) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{Format(t)}</text>"));
        }
        var xt = _xTicks.Count > 0 ? _xTicks : Ticks(x0 + barPad, x1 - barPad).Select(t => (t, Format(t))).ToList();
        foreach (var (x, label) in xt)
        {
            sb.Append(Inv($"<text x=\"{Sx(x):0.#}\" y=\"{Top + ph + 16}\" font-size=\"11\" text-anchor=\"middle\">{HtmlReport.Encode(label)}</text>"));
        }
        sb.Append(Inv($"<text x=\"{Left + pw / 2}\" y=\"{height - 8}\" font-size=\"12\" text-anchor=\"middle\">{HtmlReport.Encode(xLabel)}</text>"));
        sb.Append(Inv($"<text transform=\"translate(14,{Top + ph / 2}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{HtmlReport.Encode(yLabel)}</text>"));

        for (var i = 0; i < _series.Count; i++)
        {
            var s = _series[i];
            var c = s.Colour ?? Palette[i % Palette.Count];
            var pts = s.A.Where(p => double.IsFinite(p.Y)).ToList();
            switch (s.Kind)
            {
                case Kind.Line when pts.Count > 1:
                    sb.Append(Inv($"<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"{(s.Dashed ? " stroke-dasharray=\"6 4\"" : "")} points=\"{string.Join(' ', pts.Select(p => Inv($"{Sx(p.X):0.#},{Sy(p.Y):0.#}")))}\"><title>{HtmlReport.Encode(s.Name)}</title></polyline>"));
                    break;
                case Kind.Band:
                    var poly = s.A.Select(p => Inv($"{Sx(p.X):0.#},{Sy(p.Y):0.#}")).Concat(s.B.AsEnumerable().Reverse().Select(p => Inv($"{Sx(p.X):0.#},{Sy(p.Y):0.#}")));
                    sb.Append(Inv($"<polygon fill=\"{c}\" fill-opacity=\"0.2\" stroke=\"none\" points=\"{string.Join(' ', poly)}\"><title>{HtmlReport.Encode(s.Name)}</title></polygon>"));
                    break;
                case Kind.Points:
                    foreach (var p in pts)
                    {
                        sb.Append(Inv($"<circle cx=\"{Sx(p.X):0.#}\" cy=\"{Sy(p.Y):0.#}\" r=\"4\" fill=\"{c}\"><title>{HtmlReport.Encode(s.Name)}: {Format(p.Y)}</title></circle>"));
                    }
                    break;
                case Kind.Bars:
                    for (var j = 0; j < s.A.Count; j++)
                    {
                        var (x, b) = s.A[j];
                        var top = s.B[j].Y;
                        var yTop = Sy(Math.Max(b, top));
                        var h = Math.Abs(Sy(b) - Sy(top));
                        var w = s.BarWidth / (x1 - x0) * pw;
                        sb.Append(Inv($"<rect x=\"{Sx(x) - w / 2:0.#}\" y=\"{yTop:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{c}\"><title>{HtmlReport.Encode(s.Name)}: {Format(top - b)}</title></rect>"));
                    }
                    break;
            }
        }
        // Legend: colour and name, so no series is identified by colour alone in the title text.
        var lx = Left + 8;
        for (var i = 0; i < _series.Count; i++)
        {
            var c = _series[i].Colour ?? Palette[i % Palette.Count];
            sb.Append(Inv($"<rect x=\"{lx}\" y=\"{8}\" width=\"10\" height=\"10\" fill=\"{c}\"/><text x=\"{lx + 14}\" y=\"{17}\" font-size=\"11\">{HtmlReport.Encode(_series[i].Name)}</text>"));
            lx += 24 + _series[i].Name.Length * 6;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static (double, double) Range(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double lo = v.Min(), hi = v.Max();
        if (hi - lo < 1e-12)
        {
            hi = lo + 1;
        }
        return (lo, hi);
    }

    private static List<double> Ticks(double lo, double hi)
    {
        var raw = (hi - lo) / 5;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + step * 1e-9; t += step)
        {
            ticks.Add(t);
        }
        return ticks;
    }

    private static string Format(double v) =>
        Math.Abs(v) >= 1e6 ? Inv($"{v / 1e6:0.##}m") : Math.Abs(v) >= 1e4 ? Inv($"{v / 1e3:0.#}k") : Inv($"{v:0.###}");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private enum Kind { Line, Band, Points, Bars }

    private sealed record Series(Kind Kind, string Name, List<(double X, double Y)> A, List<(double X, double Y)> B, string? Colour, bool Dashed, double BarWidth = 0.8);
}
