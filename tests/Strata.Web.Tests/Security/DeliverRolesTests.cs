using Strata.Web.Security;

namespace Strata.Web.Tests.Security;

public sealed class DeliverRolesTests
{
    [Fact]
    public void Finance_and_commissioners_run_allocations_whatever_their_scope()
    {
        Assert.Equal([Roles.Commissioner, Roles.Finance], Roles.All.Where(Roles.CanRunAllocations));
    }

    [Theory]
    [InlineData("ICB", true)]
    [InlineData("place:P1", false)]
    [InlineData("neighbourhood:N1", false)]
    public void Contracts_and_pools_are_shown_to_icb_scope_users_only(string scope, bool sees) =>
        Assert.Equal(sees, Roles.CanSeeContracts(UserScope.Parse(scope)));
}
