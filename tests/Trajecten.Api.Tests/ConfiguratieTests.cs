using Microsoft.Extensions.Configuration;
using Trajecten.Abstractions;
using Trajecten.Silo;

namespace Trajecten.Api.Tests;

public class ConfiguratieTests
{
    [Theory]
    [InlineData("ConnectionStrings:Trajecten", "Host=127.0.0.1", "Pseudonimisering:Sleutel ontbreekt")]
    public void A_wrong_setting_stops_start_up_with_a_sentence_that_names_it(string sleutel, string waarde, string verwacht)
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [sleutel] = waarde })));
        Assert.Contains(verwacht, fout.Message);
    }

    [Theory]
    [InlineData(null, "Persoonsgegevens:Hoofdsleutels ontbreekt")]
    [InlineData("AAAA", "Persoonsgegevens:Hoofdsleutels:1 is 3 bytes; een hoofdsleutel is precies 32 bytes.")]
    [InlineData("geen base64!", "Persoonsgegevens:Hoofdsleutels:1 is geen geldige base64.")]
    public void A_durable_deployment_without_a_usable_master_key_does_not_start(string? hoofdsleutel, string verwacht)
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Trajecten"] = "Host=127.0.0.1;Port=1;Username=trajecten;Database=trajecten",
                ["Pseudonimisering:Sleutel"] = SiloFixture.Sleutel,
                ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel,
                ["Persoonsgegevens:Hoofdsleutels:1"] = hoofdsleutel,
            })));
        Assert.Contains(verwacht, fout.Message);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=trajecten;Database=trajecten", "is niet bruikbaar")]
    [InlineData("Host=127.0.0.1;Poort=5432", "geen geldige PostgreSQL-verbinding")]
    public void An_unusable_database_stops_start_up_with_one_sentence(string connectionString, string verwacht)
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Trajecten"] = connectionString,
                ["Pseudonimisering:Sleutel"] = SiloFixture.Sleutel,
                ["Persoonsgegevens:Hoofdsleutels:1"] = SiloFixture.Hoofdsleutel,
                ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel,
            })));
        Assert.Contains(verwacht, fout.Message);
        Assert.DoesNotContain("Password", fout.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_pod_without_its_downward_api_variables_stops_start_up_with_one_sentence()
    {
        Assert.Null(Environment.GetEnvironmentVariable("POD_NAME")); // the test runs outside a pod
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Trajecten"] = "Host=127.0.0.1;Port=1;Username=trajecten;Database=trajecten",
                ["Pseudonimisering:Sleutel"] = SiloFixture.Sleutel,
                ["Persoonsgegevens:Hoofdsleutels:1"] = SiloFixture.Hoofdsleutel,
                ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel,
                ["Silo:Kubernetes"] = "true",
            })));
        Assert.Equal("Silo:Kubernetes staat aan, maar de pod geeft POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID niet mee; zet ze met de downward API (zie deploy/kubernetes).", fout.Message);
    }

    [Fact]
    public void The_development_key_is_refused_next_to_an_authority()
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authenticatie:Authority"] = "https://login.example.nl/realms/trajecten",
                ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel,
            })));
        Assert.Contains("niet toegestaan naast Authenticatie:Authority", fout.Message);
    }

    [Fact]
    public void A_durable_deployment_needs_an_authority_or_an_explicit_development_key()
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Trajecten"] = "Host=127.0.0.1;Port=1;Username=x;Database=y",
                ["Pseudonimisering:Sleutel"] = SiloFixture.Sleutel,
                ["Persoonsgegevens:Hoofdsleutels:1"] = SiloFixture.Hoofdsleutel,
            })));
        Assert.Contains("Authenticatie:Authority", fout.Message);
    }

    [Theory]
    [InlineData("token", "--rol", "klantmanager")]
    [InlineData("token", "--sub", "anja", "--rol", "klantmanager", "--uren", "acht")]
    [InlineData("projecties", "opruimen")]
    public async Task A_wrong_command_line_is_exit_code_2_without_doing_anything(params string[] args) =>
        Assert.Equal(2, await Opdrachtregel.VoerUitAsync(args));

    [Fact]
    public async Task The_token_command_reads_its_options_and_refuses_an_unknown_role()
    {
        Assert.Equal(0, await Opdrachtregel.VoerUitAsync(["token", "--sub", "anja", "--rol", "klantmanager", "--gemeente", "Alkmaar", "--gemeente", "Bergen"]));
        var fout = await Assert.ThrowsAsync<ConfiguratieFout>(() => Opdrachtregel.VoerUitAsync(["token", "--sub", "anja", "--rol", "baas"]));
        Assert.Contains("Onbekende rol baas", fout.Message);
    }
}
