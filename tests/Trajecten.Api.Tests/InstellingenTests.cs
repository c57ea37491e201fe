using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Trajecten.Abstractions;
using Trajecten.Silo;
using Trajecten.Silo.Instellingen;
using Trajecten.TestHulp;

namespace Trajecten.Api.Tests;

/// <summary>Every setting the silo reads, with a value that must stop it: exit code 2 and one line that names the setting.</summary>
public class InstellingenTests
{
    /// <summary>(setting, bad value, what the line must say). One row per setting at least: <see cref="Every_setting_has_a_row"/>.</summary>
    public static readonly TheoryData<string, string, string> Fout = new()
    {
        { "Silo:ClusterId", "", "Silo:ClusterId is verplicht" },
        { "Silo:ServiceId", "", "Silo:ServiceId is verplicht" },
        { "Silo:SiloPort", "70000", "Silo:SiloPort ligt tussen 1 en 65535 (nu 70000)" },
        { "Silo:SiloPort", "", "Silo:SiloPort is leeg" },
        { "Silo:GatewayPort", "notaport", "Silo:GatewayPort 'notaport' is geen geheel getal" },
        { "Silo:GatewayPort", "11111", "Silo:SiloPort en Silo:GatewayPort zijn allebei 11111" },
        { "Silo:AdvertisedIp", "999.1.1.1", "Silo:AdvertisedIp '999.1.1.1' is geen IPv4-adres" },
        { "Silo:Dashboard", "ja", "Silo:Dashboard 'ja' is niet true of false" },
        { "Silo:Kubernetes", "yes", "Silo:Kubernetes 'yes' is niet true of false" },
        { "Silo:DatabaseWachttijd", "00:00:00", "Silo:DatabaseWachttijd ligt tussen 00:00:01 en 00:10:00" },
        { "Silo:Poort", "8080", "Silo:Poort is geen instelling; Silo kent AdvertisedIp" },
        { "Silo:Membership:ProbeTimeout", "vijf", "Silo:Membership:ProbeTimeout 'vijf' is geen tijdsduur" },
        { "Api:MaxBodyBytes", "5", "Api:MaxBodyBytes ligt tussen 1024 en 10485760 (nu 5)" },
        { "Api:StroomHartslag", "00:00:00", "Api:StroomHartslag ligt tussen 00:00:01 en 00:10:00" },
        { "Api:StromenPerGebruiker", "0", "Api:StromenPerGebruiker ligt tussen 1 en 1000" },
        { "Api:StromenPerSilo", "veel", "Api:StromenPerSilo 'veel' is geen geheel getal" },
        { "Api:Oin", "123", "Api:Oin is het OIN van de organisatie: 20 cijfers" },
        { "Regio:Gemeenten", "Alkmaar,Bergen", "Regio:Gemeenten is een lijst: zet Regio:Gemeenten:0" },
        { "Regio:Gemeenten:8", "alkmaar", "Regio:Gemeenten noemt Alkmaar 2 keer" },
        { "Pseudonimisering:Sleutel", "abc", "Pseudonimisering:Sleutel is geen geldige base64" },
        { "Pseudonimisering:Sleutel", "AAAA", "Pseudonimisering:Sleutel is 3 bytes" },
        { "Persoonsgegevens:Hoofdsleutels:1", "AAAA", "Persoonsgegevens:Hoofdsleutels:1 is 3 bytes; een hoofdsleutel is precies 32 bytes." },
        { "Persoonsgegevens:ActieveHoofdsleutel", "2", "Persoonsgegevens:ActieveHoofdsleutel '2' staat niet in Persoonsgegevens:Hoofdsleutels." },
        { "Persoonsgegevens:SleutelCache", "00:00:00", "Persoonsgegevens:SleutelCache ligt tussen 00:00:01 en 01:00:00" },
        { "Bewaartermijnen:DossierJaren", "0", "Bewaartermijnen:DossierJaren ligt tussen 1 en 30" },
        { "Bewaartermijnen:DossierJarenPerGemeente:Bergen", "40", "DossierJarenPerGemeente:Bergen is 40: een bewaartermijn ligt tussen 1 en 30 jaar." },
        { "Bewaartermijnen:DossierJarenPerGemeente", "7", "Bewaartermijnen:DossierJarenPerGemeente is een tabel: zet Bewaartermijnen:DossierJarenPerGemeente:<naam>" },
        { "Bewaartermijnen:DossierJarenPerGemeente:Heiloo", "zeven", "Bewaartermijnen:DossierJarenPerGemeente:Heiloo 'zeven' is geen geheel getal" },
        { "Bewaartermijnen:VroegsignaleringMaanden", "61", "Bewaartermijnen:VroegsignaleringMaanden ligt tussen 1 en 60" },
        { "Bewaartermijnen:VerwerkingenJaren", "0", "Bewaartermijnen:VerwerkingenJaren ligt tussen 1 en 30" },
        { "Bewaartermijnen:Automatisch", "ja", "Bewaartermijnen:Automatisch 'ja' is niet true of false" },
        { "Authenticatie:Authority", "login-server", "Authenticatie:Authority 'login-server' is geen absolute URL" },
        { "Authenticatie:Authority", "http://login.example.nl/realms/trajecten", "Authenticatie:Authority 'http://login.example.nl/realms/trajecten' gebruikt http" },
        { "Authenticatie:Audience", "", "Authenticatie:Audience is verplicht" },
        { "Authenticatie:OntwikkelSleutel", "AAAA", "Authenticatie:OntwikkelSleutel is 3 bytes" },
        { "Authenticatie:VerzoekenPerMinuut", "0", "Authenticatie:VerzoekenPerMinuut ligt tussen 1 en" },
        { "Authenticatie:MislukteAanmeldingenPerMinuut", "-1", "Authenticatie:MislukteAanmeldingenPerMinuut ligt tussen 1 en" },
        { "Authenticatie:CorsOrigins:0", "https://portaal.example.nl/app", "Authenticatie:CorsOrigins 'https://portaal.example.nl/app' is geen origin" },
        { "Authenticatie:BeheerClientId", "trajecten-beheer", "Authenticatie:BeheerClientId is een client van de OIDC-provider en hoort bij Authenticatie:Authority" },
        { "Authenticatie:BeheerClientSecret", "geheim", "Authenticatie:BeheerClientSecret hoort bij Authenticatie:BeheerClientId, dat ontbreekt" },
        { "Authenticatie:MetricsOpen", "misschien", "Authenticatie:MetricsOpen 'misschien' is niet true of false" },
        { "Termijnen:Zoekperiode", "abc", "Termijnen:Zoekperiode 'abc' is geen tijdsduur" },
        { "Termijnen:Herbeoordeling", "00:00:00", "Termijnen:Herbeoordeling ligt tussen 00:00:01 en 3650.00:00:00" },
        { "Termijnen:NazorgControles", "12,6", "Termijnen:NazorgControles '12,6' is geen oplopende lijst" },
        { "Termijnen:NazorgMarge", "-1.00:00:00", "Termijnen:NazorgMarge ligt tussen 00:00:00 en 365.00:00:00" },
        { "Termijnen:Zoekperiod", "1.00:00:00", "Termijnen:Zoekperiod is geen instelling; Termijnen kent Herbeoordeling, NazorgControles, NazorgMarge, Zoekperiode" },
        { "Kengetallen:Verversing", "00:00:00", "Kengetallen:Verversing ligt tussen 00:00:01 en 01:00:00" },
        { "Grenzen:AbonnementenPerEigenaar", "0", "Grenzen:AbonnementenPerEigenaar ligt tussen 1 en 10000" },
        { "Grenzen:SignalenPerPersoon", "x", "Grenzen:SignalenPerPersoon 'x' is geen geheel getal" },
        { "Grenzen:TrajectenPerClient", "0", "Grenzen:TrajectenPerClient ligt tussen 1 en 10000" },
        { "Abonnementen:Peilinterval", "00:00:00", "Abonnementen:Peilinterval ligt tussen 00:00:00.05 en 01:00:00" },
        { "Abonnementen:BasisWachttijd", "00:10:00", "Abonnementen:BasisWachttijd (00:10:00) is langer dan Abonnementen:MaxWachttijd (00:05:00)" },
        { "Abonnementen:MaxWachttijd", "-00:00:05", "Abonnementen:MaxWachttijd ligt tussen 00:00:00.01 en 7.00:00:00 (nu -00:00:05)" },
        { "Abonnementen:FalendNa", "-1", "Abonnementen:FalendNa ligt tussen 1 en 1000 (nu -1)" },
        { "Abonnementen:Timeout", "1.00:00:00", "Abonnementen:Timeout ligt tussen 00:00:00.1 en 00:05:00" },
        { "Abonnementen:ToegestaneDoelen:0", "intern", "Abonnementen:ToegestaneDoelen: 'intern' is geen netwerk in CIDR-notatie" },
        { "Abonnementen:PubliekeBasisUrl", "trajecten.example.nl", "Abonnementen:PubliekeBasisUrl is een absolute http(s)-URL" },
        { "Projecties:Batch", "0", "Projecties:Batch ligt tussen 1 en 10000" },
        { "Projecties:Peilinterval", "abc", "Projecties:Peilinterval 'abc' is geen tijdsduur" },
        { "Projecties:MaxPogingen", "0", "Projecties:MaxPogingen ligt tussen 1 en 1000" },
        { "Telemetrie:Logformaat", "xml", "Telemetrie:Logformaat 'xml' is niet een van Tekst, Json" },
        { "Telemetrie:OtlpEndpoint", "collector:4317", "Telemetrie:OtlpEndpoint 'collector:4317' is geen absolute http(s)-URL" },
        { "Telemetrie:OtlpProtocol", "udp", "Telemetrie:OtlpProtocol 'udp' is niet een van Grpc, HttpProtobuf" },
        { "Telemetrie:Steekproef", "2", "Telemetrie:Steekproef ligt tussen 0 en 1 (nu 2)" },
        // The framework's own settings that would otherwise stop the host with a stack trace.
        { "Urls", "notaurl", "Urls 'notaurl' is geen adres om op te luisteren" },
        { "Urls", "http://127.0.0.1:99999", "Urls 'http://127.0.0.1:99999' is geen adres om op te luisteren" },
        { "Logging:LogLevel:Default", "Luid", "Logging:LogLevel:Default 'Luid' is geen logniveau; kies Trace, Debug, Information, Warning, Error, Critical, None" },
        { "Logging:Console:LogLevel:Trajecten", "Luid", "Logging:Console:LogLevel:Trajecten 'Luid' is geen logniveau" },
    };

    [Theory]
    [MemberData(nameof(Fout))]
    public async Task A_wrong_setting_stops_the_silo_with_exit_code_2_and_one_line_that_names_it(string instelling, string waarde, string verwacht)
    {
        var fouten = new StringWriter();
        var code = await Opdrachtregel.StartAsync([$"--{instelling}={waarde}"], fouten).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        var regel = Assert.Single(fouten.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Trajecten start niet: ", regel);
        Assert.Contains(verwacht, regel);
    }

    [Fact]
    public async Task An_address_another_process_listens_on_is_one_line_and_exit_code_2()
    {
        using var bezet = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        bezet.Start();
        var poort = ((System.Net.IPEndPoint)bezet.LocalEndpoint).Port;
        var fouten = new StringWriter();
        var code = await Opdrachtregel.StartAsync([$"--urls=http://127.0.0.1:{poort}", $"--Silo:SiloPort={SiloFixture.VrijePoort()}",
            $"--Silo:GatewayPort={SiloFixture.VrijePoort()}", $"--Silo:ClusterId=bezet-{Guid.NewGuid():N}"], fouten).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        var regel = Assert.Single(fouten.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Trajecten start niet: Urls: een ander proces luistert al op dit adres", regel);
    }

    [Fact]
    public void Every_setting_has_a_row()
    {
        var geraakt = Fout.Select(rij => (string)rij[0]).Select(s => string.Join(':', s.Split(':').Where(d => !int.TryParse(d, out _)))).ToHashSet();
        var zonderRij = Instellingstabel.Secties
            .Where(s => s.Type.Assembly != typeof(Orleans.Configuration.ClusterMembershipOptions).Assembly) // Orleans' own: one row proves the binding
            .SelectMany(s => s.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{s.Pad}:{p.Name}"))
            .Where(pad => !geraakt.Contains(pad))
            .ToList();
        Assert.Empty(zonderRij);
    }

    [Fact]
    public void Several_wrong_settings_are_all_named()
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => Instellingstabel.Controleer(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Silo:SiloPort"] = "0", ["Termijnen:Zoekperiode"] = "lang", ["Abonnementen:FalendNa"] = "0" }).Build()));
        Assert.Contains("Silo:SiloPort", fout.Message);
        Assert.Contains("Termijnen:Zoekperiode", fout.Message);
        Assert.Contains("Abonnementen:FalendNa", fout.Message);
    }

    [Fact]
    public void The_shipped_settings_pass()
    {
        var configuratie = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        Instellingstabel.Controleer(configuratie);
    }

    [Fact]
    public async Task The_silo_process_itself_exits_with_code_2_and_no_stack_trace()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SiloUitvoer.Dll);
        start.ArgumentList.Add("--Termijnen:Zoekperiode=abc");
        using var proces = Process.Start(start)!;
        var fout = proces.StandardError.ReadToEndAsync();
        var uit = proces.StandardOutput.ReadToEndAsync();
        await proces.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, proces.ExitCode);
        Assert.Equal("Trajecten start niet: Termijnen:Zoekperiode 'abc' is geen tijdsduur; schrijf [dagen.]uren:minuten:seconden, zoals 00:00:05 of 56.00:00:00.",
            (await fout).Trim());
        Assert.Equal("", (await uit).Trim());
    }
}
