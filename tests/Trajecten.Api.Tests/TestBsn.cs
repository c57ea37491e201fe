using System.Globalization;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Tests;

/// <summary>Fresh valid BSNs (elfproef) so tests never share a client; every one handed out is remembered.</summary>
public static class TestBsn
{
    private static int _teller = 20_000_000;
    public static readonly System.Collections.Concurrent.ConcurrentBag<string> Uitgegeven = [];

    public static string Nieuw()
    {
        while (true)
        {
            var basis = Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);
            for (var laatste = 0; laatste <= 9; laatste++)
            {
                if (Bsn.TryParse(basis + laatste, out var bsn, out _))
                {
                    Uitgegeven.Add(bsn.Waarde);
                    return bsn.Waarde;
                }
            }
        }
    }
}
