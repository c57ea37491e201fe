using Npgsql;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Silo.Opslag;

/// <summary>The access log in PostgreSQL (table trajecten_verwerkingen, append-only by trigger).</summary>
internal sealed class PostgresVerwerkingenLog(NpgsqlDataSource database) : IVerwerkingenLog
{
    public async Task SchrijfAsync(Verwerking v, CancellationToken ct)
    {
        await using var opdracht = database.CreateCommand("""
            INSERT INTO trajecten_verwerkingen (tijdstip, actie, object_soort, object_id, client_id, resultaat, actor, rollen, origine, trace_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        foreach (var waarde in new object?[] { v.Tijdstip, v.Actie, v.ObjectSoort, v.ObjectId, v.ClientId, v.Resultaat, v.Actor, v.Rollen, v.Origine, v.TraceId })
        {
            opdracht.Parameters.Add(new NpgsqlParameter { Value = waarde ?? DBNull.Value });
        }

        // Not the request's token: a record of what was done must be written even if the caller hangs up.
        await opdracht.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async Task<IReadOnlyList<Verwerking>> ZoekAsync(string clientId, int maximum, CancellationToken ct)
    {
        await using var opdracht = database.CreateCommand("""
            SELECT tijdstip, actie, object_soort, object_id, client_id, resultaat, actor, rollen, origine, trace_id
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
                rijen.GetString(4), rijen.GetString(5), rijen.GetString(6), rijen.GetString(7), Tekst(8), Tekst(9)));
        }

        return resultaat;
    }
}
