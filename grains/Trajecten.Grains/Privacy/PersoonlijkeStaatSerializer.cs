using Orleans.Storage;
using Trajecten.Abstractions.Privacy;

namespace Trajecten.Grains.Privacy;

/// <summary>
/// Grain state through the vault: a state that holds personal data (<see cref="IPersoonlijkeStaat"/>) is written with
/// Orleans' serializer and then sealed with the client's data key, behind a marker; everything else is written as it is.
/// Reading a sealed state whose key was destroyed fails with <see cref="PersoonsgegevensVernietigdException"/> (410 Gone),
/// never with garbage. State written before it was sealed (no marker) still reads, and is sealed at its next write.
/// </summary>
public sealed class PersoonlijkeStaatSerializer(IGrainStorageSerializer binnen, Persoonsgegevens kluis) : IGrainStorageSerializer
{
    private static readonly byte[] Kop = [0xF7, (byte)'T', (byte)'J', (byte)'V'];
    private const string Context = "grain-state";

    public BinaryData Serialize<T>(T? input)
    {
        var data = binnen.Serialize(input);
        if (input is not IPersoonlijkeStaat { Sleutel: { } sleutel })
        {
            return data;
        }

        var verzegeld = kluis.Verzegel(sleutel, sleutel, data.ToMemory().Span, Context);
        var uit = new byte[Kop.Length + verzegeld.Length];
        Kop.CopyTo(uit, 0);
        verzegeld.CopyTo(uit, Kop.Length);
        return BinaryData.FromBytes(uit);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        if (!bytes.Span.StartsWith(Kop))
        {
            return binnen.Deserialize<T>(input);
        }

        var verzegeld = bytes[Kop.Length..].ToArray();
        var platte = kluis.Open(verzegeld, Context)
            ?? throw new PersoonsgegevensVernietigdException(Persoonsgegevens.SleutelVan(verzegeld), kluis.VernietigdOp(verzegeld));
        return binnen.Deserialize<T>(BinaryData.FromBytes(platte));
    }
}
