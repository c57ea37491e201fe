using Microsoft.Extensions.Options;

namespace Trajecten.Api;

/// <summary>The gemeenten the organisation serves, in their official spelling.</summary>
public sealed class Regio(IOptions<RegioOpties> opties)
{
    public IReadOnlyList<string> Gemeenten { get; } = opties.Value.Gemeenten;

    /// <summary>Finds the gemeente regardless of case and returns its official spelling.</summary>
    public string? Zoek(string naam) =>
        Gemeenten.FirstOrDefault(g => string.Equals(g, naam, StringComparison.OrdinalIgnoreCase));
}
