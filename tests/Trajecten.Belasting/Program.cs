using System.Globalization;
using Trajecten.Belasting;

// dotnet run -c Release --project tests/Trajecten.Belasting -- foutrun [--duur 60] [--verbindingen 32] [--trajecten 1500]
var opdracht = args.FirstOrDefault();
int Getal(string naam, int standaard)
{
    var i = Array.IndexOf(args, "--" + naam);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : standaard;
}

switch (opdracht)
{
    case "foutrun":
        return await new FoutRun(new FoutRunOpties(
            Duur: Getal("duur", 60), Verbindingen: Getal("verbindingen", 32), Trajecten: Getal("trajecten", 1500))).RunAsync();
    default:
        Console.Error.WriteLine("Gebruik: foutrun [--duur s] [--verbindingen n] [--trajecten n]");
        return 2;
}
