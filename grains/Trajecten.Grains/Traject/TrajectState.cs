using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Traject;

[GenerateSerializer, Alias("trajecten.traject-state.v1")]
public sealed class TrajectState
{
    [Id(0)] public string? ClientId { get; set; }
    [Id(1)] public string Gemeente { get; set; } = "";
    [Id(2)] public TrajectSoort Soort { get; set; }
    [Id(3)] public DateTimeOffset AangemeldOp { get; set; }
    [Id(4)] public List<Mijlpaal> Mijlpalen { get; set; } = [];
    [Id(5)] public List<Termijn> Termijnen { get; set; } = [];
}
