using Npgsql;
using Trajecten.Abstractions;

namespace Trajecten.Postgres;

/// <summary>
/// The access log in PostgreSQL (table trajecten_verwerkingen, append-only by trigger). Records are
/// group-committed: a request waits until its record is committed, together with whatever else queued up.
/// </summary>
public sealed class PostgresVerwerkingenLog : IVerwerkingenLog, IAsyncDisposable
{
    private readonly NpgsqlDataSource database;
    private readonly GroepsCommit<Verwerking, bool> _groepscommit;

    public PostgresVerwerkingenLog(NpgsqlDataSource database)
    {
        this.database = database;
        _groepscommit = new GroepsCommit<Verwerking, bool>(database, "verwerkingen", 1000, SchrijfAsync);
    }

    // Not the request's token: a record of what was done must be written even if the caller hangs up.
    public Task SchrijfAsync(Verwerking verwerking, CancellationToken ct) => _groepscommit.SchrijfAsync(verwerking);

    public ValueTask DisposeAsync() => _groepscommit.DisposeAsync();

    private static async Task<Func<int, bool>> SchrijfAsync(NpgsqlConnection verbinding, NpgsqlTransaction transactie, IReadOnlyList<Verwerking> batch)
    {
        await using var opdracht = new NpgsqlCommand("""
            INSERT INTO trajecten_verwerkingen (tijdstip, actie, object_soort, object_id, client_id, resultaat, actor, rollen, origine, trace_id, doel)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
            """, verbinding, transactie);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = batch.Select(v => v.Tijdstip.ToUniversalTime()).ToArray() });
        foreach (var kolom in new Func<Verwerking, string?>[] { v => v.Actie, v => v.ObjectSoort, v => v.ObjectId, v => v.ClientId, v => v.Resultaat, v => v.Actor, v => v.Rollen, v => v.Origine, v => v.TraceId, v => v.Doel })
        {
            opdracht.Parameters.Add(new NpgsqlParameter { Value = batch.Select(kolom).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        }

        await opdracht.ExecuteNonQueryAsync();
        return _ => true;
    }

    public async Task<long> TelOuderDanAsync(DateTimeOffset grens, CancellationToken ct)
    {
        await using var opdracht = database.CreateCommand("SELECT count(*) FROM trajecten_verwerkingen WHERE tijdstip < $1");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = grens.ToUniversalTime() });
        return (long)(await opdracht.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// In slices of 10,000 rows, each its own transaction, so a first run over years of records holds no long lock. Never a
    /// row younger than the table's floor of one year (the trigger would refuse the whole slice), whatever the limit asked.
    /// </summary>
    public async Task<long> VerwijderOuderDanAsync(DateTimeOffset grens, CancellationToken ct)
    {
        long totaal = 0;
        while (true)
        {
            await using var opdracht = database.CreateCommand("""
                DELETE FROM trajecten_verwerkingen WHERE id IN (SELECT id FROM trajecten_verwerkingen
                 WHERE tijdstip < $1 AND tijdstip < now() - interval '1 year' ORDER BY tijdstip LIMIT 10000)
                """);
            opdracht.Parameters.Add(new NpgsqlParameter { Value = grens.ToUniversalTime() });
            var weg = await opdracht.ExecuteNonQueryAsync(ct);
            totaal += weg;
            if (weg < 10000)
            {
                return totaal;
            }
        }
    }

    public async Task<IReadOnlyList<Verwerking>> ZoekAsync(string clientId, int maximum, CancellationToken ct)
    {
        await using var opdracht = database.CreateCommand("""
            SELECT tijdstip, actie, object_soort, object_id, client_id, resultaat, actor, rollen, origine, trace_id, doel
              FROM (SELECT * FROM trajecten_verwerkingen WHERE client_id = $1 ORDER BY id DESC LIMIT $2) laatste
             ORDER BY tijdstip, actie
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = clientId });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = maximum });
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new List<Verwerking>();
        while (await rijen.ReadAsync(ct))
        {
            string? Tekst(int i) => rijen.IsDBNull(i) ? null : rijen.GetString(i);
            resultaat.Add(new Verwerking(rijen.GetFieldValue<DateTimeOffset>(0), rijen.GetString(1), rijen.GetString(2), Tekst(3),
                rijen.GetString(4), rijen.GetString(5), rijen.GetString(6), rijen.GetString(7), Tekst(8), Tekst(9), Tekst(10)));
        }

        return resultaat;
    }
}
