using System.CommandLine;
using System.Globalization;
using Trajecten.Belasting;

// dotnet tests/Trajecten.Belasting/bin/Release/net10.0/Trajecten.Belasting.dll <opdracht> [opties]; --help lists them.
Option<int> Getal(string naam, int standaard, string uitleg) => new("--" + naam) { Description = uitleg, DefaultValueFactory = _ => standaard };

var duur = Getal("duur", 60, "Seconden belasting.");
var verbindingen = Getal("verbindingen", 32, "Gelijktijdige verbindingen.");
var trajecten = Getal("trajecten", 1500, "Trajecten in de run.");
var foutrun = new Command("foutrun", "2 silo's + PostgreSQL onder belasting, kill -9, herstart, PostgreSQL-stroomstoring, dan de audit.") { duur, verbindingen, trajecten };
foutrun.SetAction((p, _) => new FoutRun(new FoutRunOpties(Duur: p.GetValue(duur), Verbindingen: p.GetValue(verbindingen), Trajecten: p.GetValue(trajecten))).RunAsync());

var seconden = Getal("seconden", 5, "Seconden per meting.");
var herhalingen = Getal("herhalingen", 5, "Herhalingen per meting.");
var meetVerbindingen = Getal("verbindingen", 64, "Gelijktijdige verbindingen.");
var klanten = Getal("klanten", 10_000, "Cliënten vooraf.");
var meetTrajecten = Getal("trajecten", 5_000, "Trajecten vooraf.");
var uitvoer = new Option<string?>("--uitvoer") { Description = "Schrijf de uitkomst ook als JSON naar dit pad." };
var metDashboard = new Option<bool>("--met-dashboard") { Description = "Meet met het Orleans-dashboard aan (standaard uit, zoals in het product)." };
var stromen = Getal("stromen", 1000, "Open SSE-stromen in de stromenmeting.");
var meet = new Command("meet", "De benchmark: doorvoer, latentie en CPU per scenario.")
{
    seconden, herhalingen, meetVerbindingen, klanten, meetTrajecten, uitvoer, metDashboard, stromen,
};
meet.SetAction((p, _) => new Meting(new MetingOpties(
    Seconden: p.GetValue(seconden), Herhalingen: p.GetValue(herhalingen), Verbindingen: p.GetValue(meetVerbindingen),
    Klanten: p.GetValue(klanten), Trajecten: p.GetValue(meetTrajecten), Uitvoer: p.GetValue(uitvoer),
    Dashboard: p.GetValue(metDashboard), Stromen: p.GetValue(stromen))).RunAsync());

var url = new Option<string>("--url") { Description = "De silo.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
url.Validators.Add(r =>
{
    if (!Uri.TryCreate(r.GetValueOrDefault<string>(), UriKind.Absolute, out _))
    {
        r.AddError("--url is een absolute URL, zoals http://127.0.0.1:8080.");
    }
});
var sleutel = new Option<string?>("--sleutel") { Description = "De base64-tokensleutel (standaard Authenticatie__OntwikkelSleutel)." };
var schaal = new Option<double>("--schaal") { Description = "Schaal van de regio.", DefaultValueFactory = _ => 1 };
var dagSeconden = new Option<double>("--dag-seconden") { Description = "Seconden per gesimuleerde dag.", DefaultValueFactory = _ => 10 };
var dagen = Getal("dagen", 30, "Gesimuleerde dagen.");
var werkers = Getal("werkers", 16, "Gelijktijdige werkers.");
var simuleer = new Command("simuleer", "De regio: een jaar cliënten, trajecten, signalen en werkgevers, dag voor dag.") { url, sleutel, schaal, dagSeconden, dagen, werkers };
simuleer.SetAction((p, _) => new RegioSimulator(new RegioOpties(
    new Uri(p.GetValue(url)!), p.GetValue(sleutel) ?? Environment.GetEnvironmentVariable("Authenticatie__OntwikkelSleutel"),
    Schaal: p.GetValue(schaal), DagSeconden: p.GetValue(dagSeconden), Dagen: p.GetValue(dagen), Werkers: p.GetValue(werkers))).RunAsync());

var stappen = new Option<string>("--stappen") { Description = "Aantallen cliënten, kommagescheiden.", DefaultValueFactory = _ => "100000,1000000" };
var geheugen = new Command("geheugen", "Geheugen per actieve cliënt.") { stappen };
geheugen.SetAction((p, _) => Geheugen.RunAsync(p.GetValue(stappen)!.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray()));

var poort = Getal("poort", 5080, "HTTP-poort.");
var database = new Option<string>("--database") { Description = "De connectiestring.", Required = true };
var basislijn = new Command("basislijn", "Een kale ASP.NET Core + PostgreSQL-basislijn (door meet zelf gestart).") { poort, database };
basislijn.SetAction((p, _) => Basislijn.RunAsync(p.GetValue(poort), p.GetValue(database)!));

var root = new RootCommand("Belasting, foutrun en metingen van Trajecten.") { foutrun, meet, simuleer, geheugen, basislijn };
var resultaat = root.Parse(args);
if (resultaat.Errors.Count > 0 || resultaat.CommandResult.Command == root)
{
    foreach (var fout in resultaat.Errors)
    {
        Console.Error.WriteLine(fout.Message);
    }

    if (!args.Contains("--help") && !args.Contains("-h"))
    {
        Console.Error.WriteLine("Zie --help.");
        return 2;
    }
}

return await resultaat.InvokeAsync();
