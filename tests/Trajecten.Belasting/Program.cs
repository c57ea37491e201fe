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
            Klanten: Getal("klanten", 10_000), Trajecten: Getal("trajecten", 5_000), Uitvoer: Tekst("uitvoer"),
            Dashboard: !args.Contains("--zonder-dashboard"), Stromen: Getal("stromen", 1000))).RunAsync();
    case "simuleer":
        return await new RegioSimulator(new RegioOpties(
            new Uri(Tekst("url") ?? "http://127.0.0.1:8080"),
            Tekst("sleutel") ?? Environment.GetEnvironmentVariable("Authenticatie__OntwikkelSleutel"),
            Schaal: double.Parse(Tekst("schaal") ?? "1", CultureInfo.InvariantCulture),
            DagSeconden: double.Parse(Tekst("dag-seconden") ?? "10", CultureInfo.InvariantCulture),
            Dagen: Getal("dagen", 30), Werkers: Getal("werkers", 16))).RunAsync();
    case "geheugen":
        return await Geheugen.RunAsync((Tekst("stappen") ?? "100000,1000000").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray());
    case "basislijn":
        return await Basislijn.RunAsync(Getal("poort", 5080), Tekst("database") ?? throw new ArgumentException("--database ontbreekt"));
    default:
        Console.Error.WriteLine("""
            Gebruik:
              foutrun [--duur s] [--verbindingen n] [--trajecten n]
              meet [--seconden s] [--herhalingen n] [--verbindingen n] [--klanten n] [--trajecten n] [--uitvoer pad.json] [--zonder-dashboard] [--stromen 1000]
              simuleer [--url http://127.0.0.1:8080] [--sleutel base64-tokensleutel] [--schaal 1] [--dag-seconden 10] [--dagen 30] [--werkers 16]
              geheugen [--stappen 100000,1000000]
              basislijn --poort p --database connectionstring   (door meet zelf gestart)
            """);
        return 2;
}
