using System.Globalization;
using Trajecten.Belasting;

// dotnet tests/Trajecten.Belasting/bin/Release/net10.0/Trajecten.Belasting.dll <opdracht> [opties]
var opdracht = args.FirstOrDefault();
int Getal(string naam, int standaard)
{
    var i = Array.IndexOf(args, "--" + naam);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : standaard;
}

string? Tekst(string naam)
{
    var i = Array.IndexOf(args, "--" + naam);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

switch (opdracht)
{
    case "foutrun":
        return await new FoutRun(new FoutRunOpties(
            Duur: Getal("duur", 60), Verbindingen: Getal("verbindingen", 32), Trajecten: Getal("trajecten", 1500))).RunAsync();
    case "meet":
        return await new Meting(new MetingOpties(
            Seconden: Getal("seconden", 5), Herhalingen: Getal("herhalingen", 5), Verbindingen: Getal("verbindingen", 64),
            Klanten: Getal("klanten", 10_000), Trajecten: Getal("trajecten", 5_000), Uitvoer: Tekst("uitvoer"))).RunAsync();
    case "basislijn":
        return await Basislijn.RunAsync(Getal("poort", 5080), Tekst("database") ?? throw new ArgumentException("--database ontbreekt"));
    default:
        Console.Error.WriteLine("""
            Gebruik:
              foutrun [--duur s] [--verbindingen n] [--trajecten n]
              meet [--seconden s] [--herhalingen n] [--verbindingen n] [--klanten n] [--trajecten n] [--uitvoer pad.json]
              basislijn --poort p --database connectionstring   (door meet zelf gestart)
            """);
        return 2;
}
