using System.Security.Cryptography;
using System.Text;

namespace Trajecten.Domain.Privacy;

/// <summary>
/// AES-256-GCM, the one cipher of the personal data: a data key per client (or per signal) encrypts the values, a master
/// key wraps the data keys. A sealed value is <c>nonce (12) | tag (16) | ciphertext</c>; the associated data binds it to
/// where it belongs (which key, which fact), so a value copied into another row or under another key does not open.
/// </summary>
public static class Versleuteling
{
    public const int SleutelLengte = 32;
    private const int NonceLengte = 12;
    private const int TagLengte = 16;

    public static byte[] NieuweSleutel() => RandomNumberGenerator.GetBytes(SleutelLengte);

    public static byte[] Verzegel(ReadOnlySpan<byte> sleutel, ReadOnlySpan<byte> platte, string context)
    {
        var uit = new byte[NonceLengte + TagLengte + platte.Length];
        var nonce = uit.AsSpan(0, NonceLengte);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(sleutel, TagLengte);
        aes.Encrypt(nonce, platte, uit.AsSpan(NonceLengte + TagLengte), uit.AsSpan(NonceLengte, TagLengte), Encoding.UTF8.GetBytes(context));
        return uit;
    }

    /// <summary>The plain bytes; <see cref="CryptographicException"/> when the key or the context is not the one it was sealed with, or a byte changed.</summary>
    public static byte[] Open(ReadOnlySpan<byte> sleutel, ReadOnlySpan<byte> verzegeld, string context)
    {
        if (verzegeld.Length < NonceLengte + TagLengte)
        {
            throw new CryptographicException("Te kort voor een verzegelde waarde.");
        }

        var platte = new byte[verzegeld.Length - NonceLengte - TagLengte];
        using var aes = new AesGcm(sleutel, TagLengte);
        aes.Decrypt(verzegeld[..NonceLengte], verzegeld[(NonceLengte + TagLengte)..], verzegeld.Slice(NonceLengte, TagLengte), platte,
            Encoding.UTF8.GetBytes(context));
        return platte;
    }

    /// <summary>A data key wrapped by a master key, bound to the data key's id and the master key's id.</summary>
    public static byte[] Pak(ReadOnlySpan<byte> hoofdsleutel, string hoofdsleutelId, string sleutelId, ReadOnlySpan<byte> dataSleutel) =>
        Verzegel(hoofdsleutel, dataSleutel, $"trajecten-sleutel|{hoofdsleutelId}|{sleutelId}");

    public static byte[] PakUit(ReadOnlySpan<byte> hoofdsleutel, string hoofdsleutelId, string sleutelId, ReadOnlySpan<byte> ingepakt) =>
        Open(hoofdsleutel, ingepakt, $"trajecten-sleutel|{hoofdsleutelId}|{sleutelId}");

    /// <summary>What a master key seals to prove, at the next start, that the configured key is the one the data keys were wrapped with.</summary>
    public static byte[] Controlewaarde(ReadOnlySpan<byte> hoofdsleutel, string hoofdsleutelId) =>
        Verzegel(hoofdsleutel, "trajecten"u8, $"trajecten-hoofdsleutel|{hoofdsleutelId}");

    public static bool KloptControlewaarde(ReadOnlySpan<byte> hoofdsleutel, string hoofdsleutelId, ReadOnlySpan<byte> controle)
    {
        try
        {
            return Open(hoofdsleutel, controle, $"trajecten-hoofdsleutel|{hoofdsleutelId}").AsSpan().SequenceEqual("trajecten"u8);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
