using System.Reflection;

namespace Strata.Cli.Tests.Infrastructure;

/// <summary>Result of one in-process `strata` invocation.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>
/// Runs the real `strata` entry point in-process with captured output. Console is process-global,
/// so every CLI test class joins the non-parallel "cli" collection.
/// </summary>
public static class CliRunner
{
    private static readonly Lock Gate = new();

    public static CliResult Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            using var outWriter = new StringWriter();
            using var errWriter = new StringWriter();
            Console.SetOut(outWriter);
            Console.SetError(errWriter);
            try
            {
                var entry = typeof(Strata.Cli.Infrastructure.CliErrors).Assembly.EntryPoint!;
                var code = (int)entry.Invoke(null, [args])!;
                return new CliResult(code, outWriter.ToString(), errWriter.ToString());
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;
