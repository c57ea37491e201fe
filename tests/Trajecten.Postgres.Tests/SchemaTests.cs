using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Trajecten.Postgres;

namespace Trajecten.Postgres.Tests;

[Collection(PostgresCollection.Naam)]
public class SchemaTests(PostgresFixture fixture)
{
    private static readonly string[] VereisteQueries =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey", "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey", "GatewaysQueryKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Orleans_providers_and_the_log_share_the_silos_one_connection_pool()
    {
        var verbinding = await fixture.Server.MaakDatabaseAsync();
        await using var app = Trajecten.Silo.TrajectenHost.Build([], b => Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            b.Configuration, new Dictionary<string, string?>
            {
                ["ConnectionStrings:Trajecten"] = verbinding,
                ["Pseudonimisering:Sleutel"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                ["Persoonsgegevens:Hoofdsleutels:1"] = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=",
                ["Authenticatie:OntwikkelSleutel"] = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",
            }));
        var pool = app.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.Same(pool, app.Services.GetRequiredService<IOptionsMonitor<Orleans.Configuration.AdoNetGrainStorageOptions>>().Get(Trajecten.Abstractions.OpslagNamen.Trajecten).DataSource);
        Assert.Same(pool, app.Services.GetRequiredService<IOptionsMonitor<Orleans.Configuration.AdoNetGrainStorageOptions>>().Get(Trajecten.Abstractions.OpslagNamen.PubSub).DataSource);
        Assert.Same(pool, app.Services.GetRequiredService<IOptions<Orleans.Configuration.AdoNetClusteringSiloOptions>>().Value.DataSource);
        Assert.Same(pool, app.Services.GetRequiredService<IOptions<Orleans.Configuration.AdoNetReminderTableOptions>>().Value.DataSource);
        Assert.Null(app.Services.GetRequiredService<IOptions<Orleans.Configuration.AdoNetClusteringSiloOptions>>().Value.ConnectionString);
    }

    [Fact]
    public async Task The_schema_applies_to_an_empty_database_and_reapplies_as_a_no_op()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());

        var eerste = await SchemaMigratie.BijwerkenAsync(database);
        var tweede = await SchemaMigratie.BijwerkenAsync(database);

        Assert.Equal(SchemaMigratie.Versies.Select(v => v.Nummer), eerste);
        Assert.Empty(tweede);
        Assert.Equal(SchemaMigratie.Versies.Count, await TelAsync(database, "SELECT count(*) FROM trajecten_schema_versie"));
        foreach (var sleutel in VereisteQueries)
        {
            Assert.Equal(1, await TelAsync(database, $"SELECT count(*) FROM OrleansQuery WHERE QueryKey = '{sleutel}'"));
        }
    }

    [Fact]
    public async Task Silos_starting_at_once_apply_the_schema_exactly_once()
    {
        var connectionString = await fixture.Server.MaakDatabaseAsync();
        var resultaten = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var database = NpgsqlDataSource.Create(connectionString);
            return await SchemaMigratie.BijwerkenAsync(database);
        }));

        Assert.Single(resultaten, r => r.Count > 0);
        await using var controle = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(SchemaMigratie.Versies.Count, await TelAsync(controle, "SELECT count(*) FROM trajecten_schema_versie"));
    }

    private static async Task<long> TelAsync(NpgsqlDataSource database, string sql)
    {
        await using var opdracht = database.CreateCommand(sql);
        return Convert.ToInt64(await opdracht.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task With_a_migration_role_the_application_role_runs_the_silo_but_cannot_touch_the_access_log_or_its_trigger_and_deletes_only_what_is_past_retention()
    {
        var beheer = new NpgsqlConnectionStringBuilder(await fixture.Server.MaakDatabaseAsync());
        var achtervoegsel = Guid.NewGuid().ToString("N")[..8];
        var (eigenaarRol, applicatieRol) = ("eigenaar_" + achtervoegsel, "applicatie_" + achtervoegsel);
        await using (var superuser = NpgsqlDataSource.Create(beheer.ConnectionString))
        {
            await using var rollen = superuser.CreateCommand(
                $"CREATE ROLE {eigenaarRol} LOGIN; CREATE ROLE {applicatieRol} LOGIN; ALTER DATABASE {beheer.Database} OWNER TO {eigenaarRol}");
            await rollen.ExecuteNonQueryAsync();
        }

        var eigenaar = new NpgsqlConnectionStringBuilder(beheer.ConnectionString) { Username = eigenaarRol }.ConnectionString;
        var applicatie = new NpgsqlConnectionStringBuilder(beheer.ConnectionString) { Username = applicatieRol }.ConnectionString;
        Assert.Equal(SchemaMigratie.Versies.Select(v => v.Nummer), PostgresOpslag.Voorbereiden(applicatie, eigenaar, TimeSpan.FromSeconds(30)));
        Assert.Empty(PostgresOpslag.Voorbereiden(applicatie, eigenaar, TimeSpan.FromSeconds(30)));

        // The whole system runs as the application role.
        await using (var silo = await SiloProces.StartAsync(applicatie, "rollen-" + achtervoegsel,
            new Dictionary<string, string> { ["ConnectionStrings__TrajectenMigratie"] = eigenaar }))
        {
            var (status, client) = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "111222333", gemeente = "Alkmaar" });
            Assert.Equal(201, status);
            var clientId = client!["clientId"]!.ToString();
            Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Status);
            Assert.Equal(200, (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/verwerkingen?clientId={clientId}")).Status);
        }

        // What an application role with a stolen connection cannot do to the logs; each is refused for lack of privilege.
        await using var app = NpgsqlDataSource.Create(applicatie);
        foreach (var sql in new[]
        {
            "ALTER TABLE trajecten_verwerkingen DISABLE TRIGGER trajecten_verwerkingen_onveranderlijk",
            "DROP TRIGGER trajecten_verwerkingen_onveranderlijk ON trajecten_verwerkingen",
            "DROP FUNCTION trajecten_verwerkingen_alleen_toevoegen() CASCADE",
            "UPDATE trajecten_verwerkingen SET actor = 'niemand'",
            "TRUNCATE trajecten_verwerkingen",
            "DELETE FROM trajecten_gebeurtenissen",
            "UPDATE trajecten_gebeurtenissen SET gegevens = '{}'",
            "ALTER TABLE trajecten_gebeurtenissen DISABLE TRIGGER ALL",
            "DELETE FROM trajecten_schema_versie",
            "CREATE TABLE buiten_het_schema (x int)",
        })
        {
            await using var opdracht = app.CreateCommand(sql);
            var fout = await Assert.ThrowsAsync<PostgresException>(() => opdracht.ExecuteNonQueryAsync());
            Assert.True(fout.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {fout.SqlState} {fout.MessageText}");
        }

        Assert.True(await TelAsync(app, "SELECT count(*) FROM trajecten_verwerkingen") > 0);

        // Retention: records past their period go, but never one younger than the floor of a year, whatever is asked.
        var log = new PostgresVerwerkingenLog(app);
        var nu = DateTimeOffset.UtcNow;
        foreach (var (tijdstip, actor) in new[] { (nu.AddYears(-3), "oud"), (nu.AddMonths(-6), "halfjaar") })
        {
            await using var oud = app.CreateCommand(
                "INSERT INTO trajecten_verwerkingen (tijdstip, actie, object_soort, client_id, resultaat, actor, rollen) VALUES ($1, 'lezen', 'client', 'cl-x', 'toegestaan', $2, 'klantmanager')");
            oud.Parameters.Add(new NpgsqlParameter { Value = tijdstip });
            oud.Parameters.Add(new NpgsqlParameter { Value = actor });
            await oud.ExecuteNonQueryAsync();
        }

        var tot = await TelAsync(app, "SELECT count(*) FROM trajecten_verwerkingen");
        Assert.Equal(2, await log.TelOuderDanAsync(nu.AddMonths(-2), default));
        Assert.Equal(1, await log.VerwijderOuderDanAsync(nu.AddMonths(-2), default));
        Assert.Equal(tot - 1, await TelAsync(app, "SELECT count(*) FROM trajecten_verwerkingen"));
        Assert.Equal(0, await TelAsync(app, "SELECT count(*) FROM trajecten_verwerkingen WHERE actor = 'oud'"));
        await using (var jong = app.CreateCommand("DELETE FROM trajecten_verwerkingen WHERE actor = 'halfjaar'"))
        {
            var geweigerd = await Assert.ThrowsAsync<PostgresException>(() => jong.ExecuteNonQueryAsync());
            Assert.Contains("mag nog niet weg", geweigerd.MessageText, StringComparison.Ordinal);
        }

        await log.DisposeAsync();

        // With one role for everything (the default), the owner can switch the trigger off: why production splits the roles.
        await using var enkel = NpgsqlDataSource.Create(eigenaar);
        await using var uit = enkel.CreateCommand("ALTER TABLE trajecten_verwerkingen DISABLE TRIGGER trajecten_verwerkingen_onveranderlijk");
        await uit.ExecuteNonQueryAsync();
    }
}
