using Microsoft.Extensions.Configuration;
using Trajecten.Silo;

namespace Trajecten.Api.Tests;

public class ConfiguratieTests
{
    [Theory]
    [InlineData("Pseudonimisering:Sleutel", "abc", "Pseudonimisering:Sleutel is geen geldige base64")]
    [InlineData("Pseudonimisering:Sleutel", "AAAA", "Pseudonimisering:Sleutel is 3 bytes")]
    [InlineData("Api:MaxBodyBytes", "5", "Api:MaxBodyBytes")]
    [InlineData("Silo:SiloPort", "70000", "Silo:SiloPort")]
    [InlineData("ConnectionStrings:Trajecten", "Host=127.0.0.1", "Pseudonimisering:Sleutel ontbreekt")]
    public void A_wrong_setting_stops_start_up_with_a_sentence_that_names_it(string sleutel, string waarde, string verwacht)
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [sleutel] = waarde })));
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
                ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel,
            })));
        Assert.Contains(verwacht, fout.Message);
        Assert.DoesNotContain("Password", fout.Message, StringComparison.OrdinalIgnoreCase);
    }
}
