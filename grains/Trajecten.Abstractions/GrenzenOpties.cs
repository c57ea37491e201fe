using System.ComponentModel.DataAnnotations;

namespace Trajecten.Abstractions;

/// <summary>
/// Section <c>Grenzen</c>: how much one owner or one person may accumulate. Each bound keeps one caller from making every
/// later request expensive (a milestone is delivered to every subscription; the klantbeeld carries every signal). Past a
/// bound the API answers 409 with a problem that names it.
/// </summary>
public sealed class GrenzenOpties
{
    public const string Sectie = "Grenzen";

    /// <summary>Webhook subscriptions one owner (token subject) may hold.</summary>
    [Range(1, 10_000)]
    public int AbonnementenPerEigenaar { get; set; } = 25;

    /// <summary>Signals kept about one person, from all domains together.</summary>
    [Range(1, 100_000)]
    public int SignalenPerPersoon { get; set; } = 500;

    /// <summary>Trajecten one client may have, ended ones included.</summary>
    [Range(1, 10_000)]
    public int TrajectenPerClient { get; set; } = 50;
}
