using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Traject;

namespace Trajecten.Silo.Opslag;

/// <summary>
/// The event log in PostgreSQL. Appends take a transaction-scoped advisory lock, so positions are gapless
/// and commit in position order: a reader never sees position N+1 before N. The price is one append at a
/// time across the cluster (a later group commit can batch many trajects' milestones per transaction).
/// </summary>
public sealed class PostgresGebeurtenisLog(NpgsqlDataSource database) : IGebeurtenisLog
{
    private const long Slot = 0x4765626575727465; // "Gebeurte"

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<Gebeurtenis> VoegToeAsync(string trajectId, string clientId, string gemeente, TrajectSoort trajectSoort, Mijlpaal mijlpaal)
    {
        await using var verbinding = await database.OpenConnectionAsync();
        await using var transactie = await verbinding.BeginTransactionAsync();
        await using (var slot = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({Slot})", verbinding, transactie))
        {
            await slot.ExecuteNonQueryAsync();
        }

        await using var invoegen = new NpgsqlCommand("""
            INSERT INTO trajecten_gebeurtenissen (positie, traject_id, volgnummer, mijlpaal_id, client_id, gemeente, traject_soort, soort, mijlpaal, geregistreerd_op)
            SELECT coalesce(max(positie), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM trajecten_gebeurtenissen
            ON CONFLICT (traject_id, volgnummer) DO NOTHING
            RETURNING positie
            """, verbinding, transactie);
        invoegen.Parameters.Add(new NpgsqlParameter { Value = trajectId });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = mijlpaal.Volgnummer });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = mijlpaal.MijlpaalId });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = clientId });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = gemeente });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = (int)trajectSoort });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = TrajectCodes.Mijlpaal.Code(mijlpaal.Soort) });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(mijlpaal, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = mijlpaal.GeregistreerdOp });
        var positie = await invoegen.ExecuteScalarAsync();
        if (positie is long nieuw)
        {
            await transactie.CommitAsync();
            return new Gebeurtenis(nieuw, trajectId, clientId, gemeente, trajectSoort, mijlpaal);
        }

        await transactie.RollbackAsync();
        var bestaand = (await LeesAsync(verbinding, "traject_id = $1 AND volgnummer = $2", [trajectId, mijlpaal.Volgnummer], 1)).Single();
        return bestaand.Mijlpaal.MijlpaalId == mijlpaal.MijlpaalId
            ? bestaand
            : throw new VolgnummerBezetException($"Traject {trajectId} heeft al een mijlpaal met volgnummer {mijlpaal.Volgnummer}.");
    }

    public async Task<IReadOnlyList<Mijlpaal>> TrajectAsync(string trajectId, int naVolgnummer)
    {
        await using var verbinding = await database.OpenConnectionAsync();
        return (await LeesAsync(verbinding, "traject_id = $1 AND volgnummer > $2", [trajectId, naVolgnummer], int.MaxValue))
            .Select(g => g.Mijlpaal).ToArray();
    }

    public async Task<long> LaatstePositieAsync(CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("SELECT coalesce(max(positie), 0) FROM trajecten_gebeurtenissen");
        return (long)(await opdracht.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default)
    {
        await using var verbinding = await database.OpenConnectionAsync(ct);
        return await LeesAsync(verbinding, "positie > $1 AND ($2::text IS NULL OR gemeente = $2) AND ($3::text IS NULL OR soort = $3)",
            [na, (object?)filter.Gemeente ?? DBNull.Value, filter.Soort is { } s ? TrajectCodes.Mijlpaal.Code(s) : DBNull.Value], aantal, ct);
    }

    private static async Task<IReadOnlyList<Gebeurtenis>> LeesAsync(NpgsqlConnection verbinding, string waar, object[] waarden, int aantal, CancellationToken ct = default)
    {
        await using var opdracht = new NpgsqlCommand(
            $"SELECT positie, traject_id, client_id, gemeente, traject_soort, mijlpaal::text FROM trajecten_gebeurtenissen WHERE {waar} ORDER BY positie LIMIT {aantal}",
            verbinding);
        foreach (var waarde in waarden)
        {
            opdracht.Parameters.Add(new NpgsqlParameter { Value = waarde });
        }

        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new List<Gebeurtenis>();
        while (await rijen.ReadAsync(ct))
        {
            resultaat.Add(new Gebeurtenis(rijen.GetInt64(0), rijen.GetString(1), rijen.GetString(2), rijen.GetString(3),
                (TrajectSoort)rijen.GetInt32(4), JsonSerializer.Deserialize<Mijlpaal>(rijen.GetString(5), Json)!));
        }

        return resultaat;
    }
}
