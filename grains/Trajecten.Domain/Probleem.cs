namespace Trajecten.Domain;

/// <summary>One thing wrong with an input: which field, a machine code and a Dutch reason.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.probleem.v1")]
public sealed record Probleem
{
    public Probleem(string veld, string code, string reden)
    {
        Veld = veld;
        Code = code;
        Reden = reden;
    }

    [Id(0)] public string Veld { get; init; }
    [Id(1)] public string Code { get; init; }
    [Id(2)] public string Reden { get; init; }

    public static Probleem Verplicht(string veld) => new(veld, "required", $"{veld} is verplicht.");
    public static Probleem Ongeldig(string veld, string reden) => new(veld, "invalid", reden);
    public static Probleem NietToegestaan(string veld, string reden) => new(veld, "not-allowed", reden);
}
