using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

/// <summary>The request cannot be processed as sent. Thrown before anything is changed; answered as a problem.</summary>
public sealed class OngeldigeInvoerException(int status, string titel, string detail, IReadOnlyList<Probleem>? problemen = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Titel { get; } = titel;
    public IReadOnlyList<Probleem> Problemen { get; } = problemen ?? [];

    public static OngeldigeInvoerException Van(IReadOnlyList<Probleem> problemen) =>
        new(StatusCodes.Status400BadRequest, "Ongeldige invoer", Beschrijf(problemen), problemen);

    public static string Beschrijf(IReadOnlyList<Probleem> problemen) => problemen.Count == 1
        ? problemen[0].Reden
        : $"{problemen.Count} problemen: " + string.Join(" ", problemen.Select(p => p.Reden));
}
