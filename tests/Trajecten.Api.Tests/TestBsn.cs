using Trajecten.TestHulp;

namespace Trajecten.Api.Tests;

/// <summary>This suite's test persons, so tests never share a client; every one handed out is remembered.</summary>
public static class TestBsn
{
    private static readonly BsnReeks Reeks = new(20_000_000, onthouden: true);

    public static IReadOnlyCollection<string> Uitgegeven => Reeks.Uitgegeven;

    public static string Nieuw() => Reeks.Volgende().Waarde;
}
