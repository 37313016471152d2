using Strata.Web;

// Development entry point (`dotnet run --project src/Strata.Web -- WORKSPACE [URLS]`); users run `strata serve`.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Strata.Web WORKSPACE [URLS]   (normally: strata serve --workspace W --urls U)");
    return 2;
}
StrataWebHost.Run(new StrataWebOptions(args[0], args.Length > 1 ? args[1] : "http://127.0.0.1:5000"));
return 0;
