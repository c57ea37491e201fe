using Npgsql;
using Trajecten.Silo.Opslag;

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
}
