using System.Globalization;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Proefopstelling;

/// <summary>Valid BSNs (elfproef) in a reproducible series: test persons, never real ones.</summary>
public sealed class BsnReeks(int start)
{
    private int _teller = start;

    public string Volgende()
    {
        while (true)
        {
            var basis = Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);
            for (var laatste = 0; laatste <= 9; laatste++)
            {
                if (Bsn.TryParse(basis + laatste, out var bsn, out _))
                {
                    return bsn.Waarde;
                }
            }
        }
    }
}
