using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Traject;

[GenerateSerializer, Alias("trajecten.traject-state.v1")]
public sealed class TrajectState : Trajecten.Abstractions.Privacy.IPersoonlijkeStaat
{
    [Id(0)] public string? ClientId { get; set; }
    /// <summary>The gemeente when the traject was opened; a move is a fact in <see cref="Feiten"/>.</summary>
    [Id(1)] public string Gemeente { get; set; } = "";
    [Id(2)] public TrajectSoort Soort { get; set; }
    [Id(3)] public DateTimeOffset AangemeldOp { get; set; }
    /// <summary>Snapshots written before the traject kept all its facts held only the milestones (and deadlines) here.</summary>
    [Id(4)] public List<Mijlpaal> Mijlpalen { get; set; } = [];
    [Id(5)] public List<Termijn> Termijnen { get; set; } = [];
    /// <summary>The traject's stream as far as this snapshot goes: every fact, in volgnummer order.</summary>
    [Id(6)] public List<TrajectFeit> Feiten { get; set; } = [];
    /// <summary>The moment the traject's reminder is registered for (null: none) — set only once registering succeeded.</summary>
    [Id(7)] public DateTimeOffset? Herinnering { get; set; }
    /// <summary>
    /// Whether <see cref="Herinnering"/> is known. False after a failed registration and in snapshots from before the plan
    /// was kept: the next planning then registers (or stops) the reminder whatever the moment.
    /// </summary>
    [Id(8)] public bool HerinneringBekend { get; set; }
    /// <summary>When the client's personal data was destroyed: the facts are forgotten, every call refused.</summary>
    [Id(9)] public DateTimeOffset? VernietigdOp { get; set; }

    /// <summary>Sealed with the client's data key (corrections and aftercare carry free text).</summary>
    public string? Sleutel => VernietigdOp is null ? ClientId : null;
}
