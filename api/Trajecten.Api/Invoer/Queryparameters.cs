using Microsoft.Extensions.Primitives;
using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

/// <summary>Reading query parameters the same way on every list endpoint: unknown ones refused, single ones once.</summary>
public static class Queryparameters
{
    public static List<Probleem> Onbekend(IQueryCollection query, string[] bekend) =>
        query.Keys.Where(k => !bekend.Contains(k, StringComparer.Ordinal))
            .Select(k => Probleem.NietToegestaan(k.Length > 40 ? k[..40] : k, $"Onbekende parameter; toegestaan: {string.Join(", ", bekend)}.")).ToList();

    public static string? Een(IQueryCollection query, string naam, List<Probleem> problemen)
    {
        if (!query.TryGetValue(naam, out StringValues waarden))
        {
            return null;
        }

        if (waarden.Count != 1 || string.IsNullOrWhiteSpace(waarden[0]))
        {
            problemen.Add(Probleem.Ongeldig(naam, $"{naam} komt één keer voor, met een waarde."));
            return null;
        }

        return waarden[0]!.Trim();
    }
}
