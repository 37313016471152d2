using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Strata.Web.Security;

namespace Strata.Web.Components.Shared;

/// <summary>
/// Base of every signed-in page: the user (for scoping), and a data-ready marker set after the first
/// interactive render so browser tests know the page is live.
/// </summary>
[Authorize]
public abstract class StrataPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected WebUser? Me { get; private set; }

    protected bool Ready { get; private set; }

    protected string ReadyMarker => Ready ? "true" : "false";

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            Me = WebUser.From((await AuthenticationState.ConfigureAwait(true)).User);
        }
        if (Me is not null)
        {
            Load(Me);
        }
    }

    /// <summary>Reads the page's aggregates for the signed-in user.</summary>
    protected virtual void Load(WebUser me)
    {
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            Ready = true;
            StateHasChanged();
        }
    }
}
