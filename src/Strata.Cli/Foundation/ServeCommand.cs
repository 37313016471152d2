using System.CommandLine;
using Strata.Cli.Infrastructure;
using Strata.Data.Engine;
using Strata.Web;
using Strata.Web.Security;

namespace Strata.Cli.Foundation;

/// <summary>
/// `strata serve`: the web application and REST API over one workspace (issue 7). With --create-user it adds a
/// web user instead (password read from standard input, never from the command line) and exits.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var workspace = CommonOptions.Workspace();
        var urls = new Option<string>("--urls")
        {
            Description = "Address to listen on, e.g. http://127.0.0.1:5000 (a port of 0 picks a free one).",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var noDisclosure = CommonOptions.NoDisclosure();
        var verbose = new Option<bool>("--verbose") { Description = "Log requests and framework messages to the console." };
        var createUser = new Option<string?>("--create-user") { Description = "Add a web user with this name, then exit (needs --role, --scope, --password-stdin)." };
        var role = new Option<string?>("--role") { Description = "Role of the new user: " + string.Join(", ", Roles.All) + "." };
        var scope = new Option<string?>("--scope") { Description = "Population the new user sees: ICB, place:<code> or neighbourhood:<code>." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new user's password from the first line of standard input." };
        var command = new Command("serve", "Run the web application and REST API over a workspace.")
        {
            workspace, urls, noDisclosure, verbose, createUser, role, scope, passwordStdin,
        };
        command.SetAction(r =>
        {
            var file = r.GetValue(workspace)!;
            CommonOptions.RequireWorkspace(file);
            if (r.GetValue(createUser) is { } name)
            {
                return CreateUser(file, name, r.GetValue(role), r.GetValue(scope), r.GetValue(passwordStdin));
            }
            StrataWebHost.Run(new StrataWebOptions(PostgresEngine.IsUri(file) ? file : Path.GetFullPath(file), r.GetValue(urls)!)
            {
                Disclosure = CommonOptions.Disclosure(r.GetValue(noDisclosure)),
                Verbose = r.GetValue(verbose),
            });
            return 0;
        });
        return command;
    }

    private static int CreateUser(string file, string name, string? role, string? scope, bool passwordStdin)
    {
        if (role is null || scope is null || !passwordStdin)
        {
            throw new ArgumentException("--create-user needs --role, --scope and --password-stdin.");
        }
        var password = Console.In.ReadLine() ?? "";
        using var ws = CommonOptions.OpenWorkspace(file);
        var user = UserStore.Add(ws.Engine, name, role, UserStore.ValidScope(ws.Engine, scope).ToString(), password);
        Console.WriteLine($"Created web user {user.Name} ({user.Role}, {user.Scope}).");
        return 0;
    }
}
