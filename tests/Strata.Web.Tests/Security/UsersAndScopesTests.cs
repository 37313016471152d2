using Strata.Data.Foundation;
using Strata.Web.Security;

namespace Strata.Web.Tests.Security;

public sealed class UsersAndScopesTests
{
    [Theory]
    [InlineData("ICB", ScopeLevel.Icb, null)]
    [InlineData("icb", ScopeLevel.Icb, null)]
    [InlineData("place:P01", ScopeLevel.Place, "P01")]
    [InlineData("Neighbourhood: N7 ", ScopeLevel.Neighbourhood, "N7")]
    public void Scopes_are_read_from_their_written_form(string text, ScopeLevel level, string? code)
    {
        var scope = UserScope.Parse(text);
        Assert.Equal(level, scope.Level);
        Assert.Equal(code, scope.Code);
        Assert.Equal(scope, UserScope.Parse(scope.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("place:")]
    [InlineData("region:R1")]
    [InlineData("P01")]
    public void Anything_else_is_not_a_scope(string text) => Assert.Throws<FormatException>(() => UserScope.Parse(text));

    [Fact]
    public void Roles_limit_who_creates_scenarios_contracts_and_decisions()
    {
        Assert.Equal([Roles.Analyst, Roles.Commissioner], Roles.All.Where(Roles.CanCreateScenarios));
        Assert.Equal([Roles.Commissioner, Roles.Finance], Roles.All.Where(Roles.CanCreateContracts));
        Assert.Equal([Roles.Commissioner], Roles.All.Where(Roles.CanRecordDecisions));
        Assert.True(Roles.CanRunJobs(Roles.Analyst, UserScope.Icb));
        Assert.False(Roles.CanRunJobs(Roles.Analyst, UserScope.Parse("place:P1")));
        Assert.False(Roles.CanReadAudit(Roles.Commissioner, UserScope.Icb));
    }

    [Fact]
    public void A_stored_user_signs_in_only_with_their_password()
    {
        using var ws = Workspace.InMemory();
        UserStore.Add(ws.Engine, "pat", "commissioner", "place:P1", "correct horse battery");
        var user = UserStore.Verify(ws.Engine, "pat", "correct horse battery");
        Assert.Equal(new WebUser("pat", Roles.Commissioner, UserScope.Parse("place:P1")), user);
        Assert.Null(UserStore.Verify(ws.Engine, "pat", "correct horse batterY"));
        Assert.Null(UserStore.Verify(ws.Engine, "sam", "correct horse battery"));
    }

    [Fact]
    public void Passwords_are_stored_salted_and_hashed_never_in_clear()
    {
        using var ws = Workspace.InMemory();
        UserStore.Add(ws.Engine, "a", "viewer", "ICB", "the same password");
        UserStore.Add(ws.Engine, "b", "viewer", "ICB", "the same password");
        var stored = ws.Engine.Query("SELECT salt, password_hash, iterations FROM web_users ORDER BY user_name",
            r => (Salt: r.GetString(0), Hash: r.GetString(1), Iterations: r.GetInt32(2)));
        Assert.NotEqual(stored[0].Salt, stored[1].Salt);
        Assert.NotEqual(stored[0].Hash, stored[1].Hash);
        Assert.All(stored, s => Assert.DoesNotContain("the same password", s.Hash, StringComparison.Ordinal));
        Assert.All(stored, s => Assert.Equal(UserStore.Iterations, s.Iterations));
    }

    [Fact]
    public void Users_need_a_valid_role_scope_unique_name_and_a_long_password()
    {
        using var ws = Workspace.InMemory();
        Assert.ThrowsAny<ArgumentException>(() => UserStore.Add(ws.Engine, "x", "viewer", "ICB", "short"));
        Assert.Throws<FormatException>(() => UserStore.Add(ws.Engine, "x", "admin", "ICB", "long enough password"));
        Assert.Throws<FormatException>(() => UserStore.Add(ws.Engine, "x", "viewer", "region:R", "long enough password"));
        UserStore.Add(ws.Engine, "x", "viewer", "ICB", "long enough password");
        Assert.Throws<ArgumentException>(() => UserStore.Add(ws.Engine, "x", "viewer", "ICB", "long enough password"));
    }
}
