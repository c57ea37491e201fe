using System.Collections.Concurrent;
using System.Globalization;
using Trajecten.Domain.Identificatie;

namespace Trajecten.TestHulp;

/// <summary>
/// Valid BSNs (elfproef) in a series from <c>start</c>: test persons, never real ones. Every test suite and tool takes its
/// own start, so no two share a person. With <c>onthouden</c> every BSN handed out is kept in <see cref="Uitgegeven"/>, to
/// check that none leaks (a test suite; not a load generator handing out millions).
/// </summary>
public sealed class BsnReeks(int start, bool onthouden = false)
{
    private int _teller = start;

    public ConcurrentBag<string> Uitgegeven { get; } = [];

    public Bsn Volgende()
    {
        while (true)
        {
            var basis = Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);
            for (var laatste = 0; laatste <= 9; laatste++)
            {
                if (Bsn.TryParse(basis + laatste, out var bsn, out _))
                {
                    if (onthouden)
                    {
                        Uitgegeven.Add(bsn.Waarde);
                    }

                    return bsn;
                }
            }
        }
    }
}
