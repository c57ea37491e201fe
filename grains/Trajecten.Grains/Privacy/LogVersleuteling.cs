using System.Text;
using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Privacy;

/// <summary>A fact as a log stores it: its type, the row's JSON (personal members replaced) and those members sealed apart.</summary>
public sealed record OpgeslagenFeit(string Type, string Json, byte[]? Persoonlijk);

/// <summary>
/// How both logs store a fact's personal members: split off (<see cref="LogFormaat.SchrijfGesplitst"/>), sealed with the
/// data key of <see cref="LogFormaat.Sleutel"/> and bound to the fact's id; on reading, opened and put back, or — key
/// destroyed — left as the row has them (<see cref="LogFormaat.Versleuteld"/>).
/// </summary>
public static class LogVersleuteling
{
    public static async ValueTask<OpgeslagenFeit> SchrijfAsync(Persoonsgegevens kluis, NieuwFeit feit)
    {
        var type = LogFormaat.Type(feit.Gegevens);
        var (json, persoonlijk) = LogFormaat.SchrijfGesplitst(feit.Gegevens);
        return persoonlijk is null
            ? new OpgeslagenFeit(type, json, null)
            : new OpgeslagenFeit(type, json, await kluis.VerzegelAsync(LogFormaat.Sleutel(feit.ClientId, feit.Gegevens), feit.ClientId,
                Encoding.UTF8.GetBytes(persoonlijk), feit.FeitId));
    }

    /// <summary>Fetches, in one read, the keys a page of rows needs.</summary>
    public static Task LaadAsync(Persoonsgegevens kluis, IEnumerable<byte[]?> verzegeld, CancellationToken ct = default) =>
        kluis.LaadAsync(verzegeld.OfType<byte[]>().Select(Persoonsgegevens.SleutelVan).ToHashSet(StringComparer.Ordinal), ct);

    /// <summary>The fact of a row (keys loaded by <see cref="LaadAsync"/>).</summary>
    public static object Lees(Persoonsgegevens kluis, string type, int versie, string json, byte[]? persoonlijk, string feitId)
    {
        if (persoonlijk is null)
        {
            return LogFormaat.Lees(type, versie, json);
        }

        var platte = kluis.Open(persoonlijk, feitId);
        return LogFormaat.Lees(type, versie, json, platte is null ? null : Encoding.UTF8.GetString(platte));
    }
}
