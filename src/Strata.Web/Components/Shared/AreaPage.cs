using Microsoft.AspNetCore.Components;
using Strata.Domain.Foundation;
using Strata.Web.Population;
using Strata.Web.Security;

namespace Strata.Web.Components.Shared;

/// <summary>
/// A page whose figures can be narrowed to a place or neighbourhood within the user's scope. The area lives in the
/// query string (?place=&amp;neighbourhood=, the same names the API takes) so a view can be bookmarked; the page
/// reloads when it changes. An area outside the user's scope shows "outside your scope" instead of any figures.
/// </summary>
public abstract class AreaPage : StrataPage
{
    private AreaFilter? _loaded;

    [SupplyParameterFromQuery(Name = "place")]
    public string? Place { get; set; }

    [SupplyParameterFromQuery(Name = "neighbourhood")]
    public string? Neighbourhood { get; set; }

    protected AreaFilter Area => AreaFilter.From(Place, Neighbourhood);

    /// <summary>The area as export-link query string (starting with &amp;), empty when not narrowed.</summary>
    protected string AreaQuery =>
        (Area.Place is { } p ? "&place=" + Uri.EscapeDataString(p) : "") + (Area.Neighbourhood is { } n ? "&neighbourhood=" + Uri.EscapeDataString(n) : "");

    /// <summary>Why the requested area was refused (the API's 403), or null when it is within scope.</summary>
    protected string? Forbidden { get; private set; }

    protected sealed override void Load(WebUser me)
    {
        var area = Area;
        _loaded = area;
        try
        {
            Forbidden = null;
            LoadArea(me, area);
        }
        catch (ScopeForbiddenException e)
        {
            Forbidden = e.Message;
        }
    }

    /// <summary>Reads the page's aggregates for the user, narrowed to the area.</summary>
    protected abstract void LoadArea(WebUser me, AreaFilter area);

    /// <summary>Runs a reload (e.g. a slicer changed) with the same refusal as the first load.</summary>
    protected void Reload()
    {
        if (Me is not null)
        {
            Load(Me);
        }
    }

    protected override void OnParametersSet()
    {
        // Navigating to the same page with another ?place= / ?neighbourhood= sets parameters without re-initialising.
        if (Me is not null && _loaded is not null && _loaded != Area)
        {
            Load(Me);
        }
    }
}
