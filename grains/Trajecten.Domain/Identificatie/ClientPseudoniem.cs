using System.Security.Cryptography;
using System.Text;

namespace Trajecten.Domain.Identificatie;

/// <summary>
/// Derives the opaque, stable clientId from a BSN with HMAC-SHA256 under a secret key. The same BSN
/// always gives the same id (so a signal that arrives before registration lands on the same
/// klantbeeld), and without the key the id cannot be reversed or recomputed from a BSN.
/// </summary>
public sealed class ClientPseudoniem
{
    public const int MinimaleSleutelLengte = 32;
    private readonly byte[] _sleutel;

    public ClientPseudoniem(byte[] sleutel)
    {
        ArgumentNullException.ThrowIfNull(sleutel);
        if (sleutel.Length < MinimaleSleutelLengte)
        {
            throw new ArgumentException(
                $"De pseudonimiseringssleutel moet minstens {MinimaleSleutelLengte} bytes zijn.", nameof(sleutel));
        }

        _sleutel = (byte[])sleutel.Clone();
    }

    public string ClientId(Bsn bsn)
    {
        if (bsn.Waarde is null)
        {
            throw new ArgumentException("Een lege BSN heeft geen clientId.", nameof(bsn));
        }

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_sleutel, Encoding.ASCII.GetBytes("trajecten/client/v1:" + bsn.Waarde), hash);
        return Ids.Maak(Ids.ClientPrefix, hash[..16]);
    }
}
