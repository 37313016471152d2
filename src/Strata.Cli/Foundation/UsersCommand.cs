using System.CommandLine;
using Strata.Cli.Infrastructure;
using Strata.Web.Security;

namespace Strata.Cli.Foundation;

/// <summary>
/// `strata users list|add|remove|reset-password|set-role|set-scope`: the web's users in a workspace. Passwords are
/// read from standard input, never the command line; scopes must name a place or neighbourhood the workspace has.
/// Every change but `add` ends the user's sessions on their next request (UserStore's security stamp).
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage the web's users (roles: " + string.Join(", ", Roles.All) + "; scopes: ICB, place:<code>, neighbourhood:<code>).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Change("remove", "Remove a user (their sessions end).", null, (e, name, _) => UserStore.Remove(e, name)));
        command.Subcommands.Add(Change("reset-password", "Set a new password, read from the first line of standard input (sessions end).", null,
            (e, name, _) => UserStore.ResetPassword(e, name, Console.In.ReadLine() ?? "")));
        command.Subcommands.Add(Change("set-role", "Change a user's role (sessions end).", "role", (e, name, role) => UserStore.SetRole(e, name, role!)));
        command.Subcommands.Add(Change("set-scope", "Change a user's scope (sessions end).", "scope",
            (e, name, scope) => UserStore.SetScope(e, name, UserStore.ValidScope(e, scope!).ToString())));
        return command;
    }

    private static Command List()
    {
        var workspace = CommonOptions.Workspace();
        var command = new Command("list", "List users with role and scope.") { workspace };
        command.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            foreach (var u in UserStore.List(ws.Engine))
            {
                Console.WriteLine($"{u.Name}\t{u.Role}\t{u.Scope}");
            }
            return 0;
        });
        return command;
    }

    private static Command Add()
    {
        var workspace = CommonOptions.Workspace();
        var name = new Argument<string>("name") { Description = "User name (1-64 characters, no spaces)." };
        var role = new Option<string>("--role") { Description = "Role: " + string.Join(", ", Roles.All) + ".", Required = true };
        var scope = new Option<string>("--scope") { Description = "ICB, place:<code> or neighbourhood:<code>.", Required = true };
        var command = new Command("add", "Add a user; the password is the first line of standard input.") { workspace, name, role, scope };
        command.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            var s = UserStore.ValidScope(ws.Engine, r.GetValue(scope)!);
            var user = UserStore.Add(ws.Engine, r.GetValue(name)!, r.GetValue(role)!, s.ToString(), Console.In.ReadLine() ?? "");
            Console.WriteLine($"Added web user {user.Name} ({user.Role}, {user.Scope}).");
            return 0;
        });
        return command;
    }

    private static Command Change(string verb, string description, string? valueName, Action<Strata.Data.Engine.IEngine, string, string?> change)
    {
        var workspace = CommonOptions.Workspace();
        var name = new Argument<string>("name") { Description = "User name." };
        var command = new Command(verb, description) { workspace, name };
        Argument<string>? value = null;
        if (valueName is not null)
        {
            value = new Argument<string>(valueName) { Description = valueName == "role" ? string.Join(", ", Roles.All) : "ICB, place:<code> or neighbourhood:<code>" };
            command.Arguments.Add(value);
        }
        command.SetAction(r =>
        {
            using var ws = CommonOptions.OpenWorkspace(r.GetValue(workspace)!);
            change(ws.Engine, r.GetValue(name)!, value is null ? null : r.GetValue(value));
            Console.WriteLine($"{verb}: {r.GetValue(name)} done.");
            return 0;
        });
        return command;
    }
}
