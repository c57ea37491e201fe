using System.CommandLine;

namespace Trajecten.Silo;

/// <summary>
/// The silo's command line (System.CommandLine): without a command it runs the silo; <c>token</c>, <c>migrate</c>,
/// <c>projecties</c> and <c>sleutels</c> are tools. Every token the commands do not know is configuration, in the .NET form
/// (<c>--urls http://127.0.0.1:8080</c>, <c>--Silo:SiloPort=11112</c>), as before. A wrong command line is a message on
/// standard error and exit code 2, like a wrong setting.
/// </summary>
public static class Opdrachtregel
{
    /// <summary>The process: a wrong setting or command line is one line on <paramref name="fouten"/> and exit code 2, not a stack trace.</summary>
    public static async Task<int> StartAsync(string[] args, TextWriter fouten)
    {
        try
        {
            return await VoerUitAsync(args);
        }
        catch (Exception fout) when (fout is ConfiguratieFout or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await fouten.WriteLineAsync($"Trajecten start niet: {fout.Message}");
            return 2;
        }
    }

    public static async Task<int> VoerUitAsync(string[] args)
    {
        var resultaat = Maak().Parse(args);
        if (resultaat.Errors.Count > 0)
        {
            foreach (var fout in resultaat.Errors)
            {
                await Console.Error.WriteLineAsync(fout.Message);
            }

            await Console.Error.WriteLineAsync("Zie --help.");
            return 2;
        }

        // Exceptions reach the caller, which turns a wrong setting into one sentence and exit code 2.
        return await resultaat.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Maak()
    {
        var sub = new Option<string>("--sub") { Description = "De medewerker-id (sub) van het token.", Required = true };
        var rol = new Option<string[]>("--rol") { Description = "Een rol; herhaal voor meer: " + string.Join(", ", Api.Autorisatie.Rollen.Alle) + ".", Required = true };
        var gemeente = new Option<string[]>("--gemeente") { Description = "Een gemeente, of regio; herhaal voor meer." };
        var domein = new Option<string?>("--domein") { Description = "Het domein van een ketenpartner (wmo, jeugd, schuldhulp)." };
        var uren = new Option<double>("--uren") { Description = "Hoe lang het token geldt.", DefaultValueFactory = _ => 8 };
        var token = new Command("token", "Een ontwikkeltoken voor curl en tests (alleen zonder Authenticatie:Authority).") { sub, rol, gemeente, domein, uren };
        token.SetAction(p => Authenticatie.Token(p.GetValue(sub)!, p.GetValue(rol)!, p.GetValue(gemeente) ?? [], p.GetValue(domein), p.GetValue(uren),
            LeesConfiguratie([])));

        var migrate = new Command("migrate", "Brengt de database van ConnectionStrings:Trajecten bij, zonder een silo te starten.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        migrate.SetAction((p, _) => TrajectenHost.MigreerAsync([.. p.UnmatchedTokens]));

        var actie = new Argument<string>("actie") { Description = "status, herbouw, geparkeerd of herstel." };
        actie.AcceptOnlyFromAmong("status", "herbouw", "geparkeerd", "herstel");
        var naam = new Argument<string?>("projectie") { Description = "Eén projectie; zonder: alle.", Arity = ArgumentArity.ZeroOrOne };
        var projecties = new Command("projecties", "De leeskant, tegen de database (het cluster mag draaien).") { actie, naam };
        projecties.TreatUnmatchedTokensAsErrors = false;
        projecties.SetAction((p, _) =>
        {
            // A setting right after the action (--ConnectionStrings:Trajecten=…) fills the optional name: it is a setting.
            var gekozen = p.GetValue(naam);
            return gekozen is not null && gekozen.StartsWith('-')
                ? ProjectieCommando.UitvoerenAsync(p.GetValue(actie)!, null, [gekozen, .. p.UnmatchedTokens])
                : ProjectieCommando.UitvoerenAsync(p.GetValue(actie)!, gekozen, [.. p.UnmatchedTokens]);
        });

        var sleutelActie = new Argument<string>("actie") { Description = "status of herverpak." };
        sleutelActie.AcceptOnlyFromAmong("status", "herverpak");
        var sleutels = new Command("sleutels", "De sleutels van de persoonsgegevens: welke hoofdsleutel wat inpakt, en opnieuw inpakken met de actieve.") { sleutelActie };
        sleutels.TreatUnmatchedTokensAsErrors = false;
        sleutels.SetAction((p, _) => SleutelCommando.UitvoerenAsync(p.GetValue(sleutelActie)!, [.. p.UnmatchedTokens]));

        var adres = new Option<string>("--url") { Description = "Het adres van de controle.", DefaultValueFactory = _ => "http://127.0.0.1:8080/health/live" };
        var gezondheid = new Command("gezondheid", "Vraagt de levenscontrole van deze silo op (HEALTHCHECK van de container); exitcode 0 als die gezond is.") { adres };
        gezondheid.SetAction((p, ct) => GezondheidAsync(p.GetValue(adres)!, ct));

        var root = new RootCommand("Trajecten: een silo met de HTTP-API. Instellingen als --Sectie:Naam=waarde (of omgevingsvariabelen, appsettings.json).")
        {
            token, migrate, projecties, sleutels, gezondheid,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(async (p, _) =>
        {
            var app = TrajectenHost.Build([.. p.UnmatchedTokens]);
            try
            {
                await app.RunAsync();
            }
            catch (Exception fout) when (PoortBezet(fout))
            {
                // Kestrel wraps it with the address; Orleans throws it for its silo or gateway port.
                throw new ConfiguratieFout(fout is IOException
                    ? $"Urls: een ander proces luistert al op dit adres ({fout.Message})."
                    : "Silo:SiloPort of Silo:GatewayPort: een ander proces luistert al op die poort.");
            }

            return 0;
        });
        return root;
    }

    private static bool PoortBezet(Exception? fout) => fout switch
    {
        null => false,
        Microsoft.AspNetCore.Connections.AddressInUseException => true,
        AggregateException meer => meer.InnerExceptions.Any(PoortBezet),
        _ => PoortBezet(fout.InnerException),
    };

    private static async Task<int> GezondheidAsync(string url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var antwoord = await http.GetAsync(url, ct);
            if (antwoord.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"{url} antwoordt {(int)antwoord.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{url} is niet bereikbaar: {ex.Message}");
        }

        return 1;
    }

    /// <summary>
    /// The configuration a tool reads — appsettings.json, environment variables, and the settings given on its command
    /// line — checked as the silo checks it, so a tool too stops with one sentence on a wrong setting.
    /// </summary>
    public static IConfiguration LeesConfiguratie(string[] args)
    {
        var configuratie = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().AddCommandLine(args).Build();
        Instellingen.Instellingstabel.Controleer(configuratie);
        return configuratie;
    }
}
