using System.Diagnostics;

namespace Strata.Application.Plan;

/// <summary>
/// Prints an HTML document to PDF with headless Chromium (the browser the web tests already use; no PDF library to
/// license or ship). The document is written to a private temporary folder, printed with Chromium's own print
/// layout (the documents' print CSS applies) and the folder removed. Chromium is STRATA_CHROMIUM or /usr/bin/chromium.
/// </summary>
public static class PdfPrinter
{
    /// <summary>Longest a print may take before it is abandoned.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string? Chromium =>
        new[] { Environment.GetEnvironmentVariable("STRATA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));

    public static bool Available => Chromium is not null;

    /// <summary>The PDF bytes of the document; InvalidOperationException when no Chromium is installed or printing fails.</summary>
    public static byte[] Print(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var chromium = Chromium ?? throw new InvalidOperationException("PDF needs Chromium (set STRATA_CHROMIUM or install chromium); the HTML document prints from any browser.");
        var dir = Directory.CreateTempSubdirectory("strata-pdf-");
        try
        {
            var source = Path.Combine(dir.FullName, "document.html");
            var target = Path.Combine(dir.FullName, "document.pdf");
            File.WriteAllText(source, html);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={target}",
                new Uri(source).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Chromium did not print the document within {Timeout.TotalSeconds:0} s.");
            }
            _ = stdout.Result;
            _ = stderr.Result;
            return File.Exists(target) && new FileInfo(target).Length > 0
                ? File.ReadAllBytes(target)
                : throw new InvalidOperationException($"Chromium printed no PDF (exit code {process.ExitCode}).");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
