using Npgsql;
using Trajecten.Abstractions.Privacy;
using Trajecten.Grains.Privacy;

namespace Trajecten.Postgres;

/// <summary>
/// The data keys in <c>trajecten_sleutels</c>, the master keys' check values in <c>trajecten_hoofdsleutels</c> and the
/// record of destructions in <c>trajecten_vernietigingen</c> (V009). A destruction commits the destroyed keys, its record
/// and a <c>NOTIFY</c> on <see cref="Kanaal"/> (payload: the clientId) together, so every silo forgets the keys as it commits.
/// </summary>
public sealed class PostgresSleutelopslag(NpgsqlDataSource database) : ISleutelopslag
{
    public const string Kanaal = "trajecten_sleutels";

    private const string Kolommen = "sleutel_id, client_id, hoofdsleutel, ingepakt, vernietigd_op";

    public async Task<IReadOnlyList<OpgeslagenSleutel>> LeesAsync(IReadOnlyCollection<string> sleutelIds, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand($"SELECT {Kolommen} FROM trajecten_sleutels WHERE sleutel_id = ANY($1)");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = sleutelIds.ToArray() });
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new List<OpgeslagenSleutel>();
        while (await rijen.ReadAsync(ct))
        {
            resultaat.Add(Sleutel(rijen));
        }

        return resultaat;
    }

    public IReadOnlyList<OpgeslagenSleutel> Lees(IReadOnlyCollection<string> sleutelIds)
    {
        using var opdracht = database.CreateCommand($"SELECT {Kolommen} FROM trajecten_sleutels WHERE sleutel_id = ANY($1)");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = sleutelIds.ToArray() });
        using var rijen = opdracht.ExecuteReader();
        var resultaat = new List<OpgeslagenSleutel>();
        while (rijen.Read())
        {
            resultaat.Add(Sleutel(rijen));
        }

        return resultaat;
    }

    public async Task<OpgeslagenSleutel> VoegToeAsync(OpgeslagenSleutel nieuw)
    {
        // The first writer wins; a concurrent one reads the winner's key (the CTE sees the row only if it inserted it).
        await using var opdracht = database.CreateCommand($"""
            WITH nieuw AS (
                INSERT INTO trajecten_sleutels (sleutel_id, client_id, hoofdsleutel, ingepakt) VALUES ($1, $2, $3, $4)
                ON CONFLICT (sleutel_id) DO NOTHING RETURNING {Kolommen})
            SELECT {Kolommen} FROM nieuw
            UNION ALL
            SELECT {Kolommen} FROM trajecten_sleutels WHERE sleutel_id = $1 AND NOT EXISTS (SELECT 1 FROM nieuw)
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = nieuw.SleutelId });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = nieuw.ClientId });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = nieuw.Hoofdsleutel });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = nieuw.Ingepakt });
        await using var rijen = await opdracht.ExecuteReaderAsync();
        if (!await rijen.ReadAsync())
        {
            // Inserted by another transaction that had not committed when this one looked: read it now.
            await rijen.DisposeAsync();
            return (await LeesAsync([nieuw.SleutelId])).Single();
        }

        return Sleutel(rijen);
    }

    public async Task<Vernietiging> VernietigAsync(Vernietiging vernietiging)
    {
        await using var verbinding = await database.OpenConnectionAsync();
        await using var transactie = await verbinding.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(verbinding, transactie);
        // A client without a key yet gets a destroyed one, so nothing can be sealed for the file afterwards.
        var geen = new NpgsqlBatchCommand("""
            INSERT INTO trajecten_sleutels (sleutel_id, client_id, vernietigd_op) SELECT $1, $1, $2 WHERE $3 ON CONFLICT (sleutel_id) DO NOTHING
            """);
        geen.Parameters.Add(new NpgsqlParameter { Value = vernietiging.ClientId });
        geen.Parameters.Add(new NpgsqlParameter { Value = vernietiging.Op.ToUniversalTime() });
        geen.Parameters.Add(new NpgsqlParameter { Value = vernietiging.SleutelId is null });
        batch.BatchCommands.Add(geen);
        var vernietig = new NpgsqlBatchCommand("""
            UPDATE trajecten_sleutels SET hoofdsleutel = NULL, ingepakt = NULL, vernietigd_op = $3
             WHERE client_id = $1 AND ($2::text IS NULL OR sleutel_id = $2) AND ingepakt IS NOT NULL
            """);
        vernietig.Parameters.Add(new NpgsqlParameter { Value = vernietiging.ClientId });
        vernietig.Parameters.Add(new NpgsqlParameter { Value = (object?)vernietiging.SleutelId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        vernietig.Parameters.Add(new NpgsqlParameter { Value = vernietiging.Op.ToUniversalTime() });
        batch.BatchCommands.Add(vernietig);
        await batch.ExecuteNonQueryAsync();
        var aantal = vernietig.RecordsAffected;

        await using var vastleggen = new NpgsqlBatch(verbinding, transactie);
        var record = new NpgsqlBatchCommand("""
            INSERT INTO trajecten_vernietigingen (client_id, sleutel_id, grondslag, aangevraagd_door, bevestigd_door, op, sleutels)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        foreach (var waarde in new object?[]
                 {
                     vernietiging.ClientId, vernietiging.SleutelId, vernietiging.Grondslag, vernietiging.AangevraagdDoor, vernietiging.BevestigdDoor,
                     vernietiging.Op.ToUniversalTime(), aantal,
                 })
        {
            record.Parameters.Add(waarde is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = waarde });
        }

        var meld = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        meld.Parameters.Add(new NpgsqlParameter { Value = Kanaal });
        meld.Parameters.Add(new NpgsqlParameter { Value = vernietiging.ClientId });
        vastleggen.BatchCommands.Add(record);
        vastleggen.BatchCommands.Add(meld);
        await vastleggen.ExecuteNonQueryAsync();
        await transactie.CommitAsync();
        return vernietiging with { Sleutels = aantal };
    }

    public async Task<IReadOnlyList<Vernietiging>> VernietigingenAsync(string? clientId, int aantal, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("""
            SELECT client_id, sleutel_id, grondslag, aangevraagd_door, bevestigd_door, op, sleutels FROM trajecten_vernietigingen
             WHERE $1::text IS NULL OR client_id = $1 ORDER BY id DESC LIMIT $2
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = (object?)clientId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = aantal });
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new List<Vernietiging>();
        while (await rijen.ReadAsync(ct))
        {
            resultaat.Add(new Vernietiging
            {
                ClientId = rijen.GetString(0), SleutelId = rijen.IsDBNull(1) ? null : rijen.GetString(1), Grondslag = rijen.GetString(2),
                AangevraagdDoor = rijen.GetString(3), BevestigdDoor = rijen.GetString(4), Op = rijen.GetFieldValue<DateTimeOffset>(5), Sleutels = rijen.GetInt32(6),
            });
        }

        return resultaat;
    }

    public async Task<IReadOnlyDictionary<string, long>> HoofdsleutelsInGebruikAsync(CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand(
            "SELECT hoofdsleutel, count(*) FROM trajecten_sleutels WHERE ingepakt IS NOT NULL GROUP BY hoofdsleutel");
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await rijen.ReadAsync(ct))
        {
            resultaat[rijen.GetString(0)] = rijen.GetInt64(1);
        }

        return resultaat;
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> ControlewaardenAsync(CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("SELECT id, controle FROM trajecten_hoofdsleutels");
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await rijen.ReadAsync(ct))
        {
            resultaat[rijen.GetString(0)] = rijen.GetFieldValue<byte[]>(1);
        }

        return resultaat;
    }

    public async Task BewaarControlewaardeAsync(string hoofdsleutelId, byte[] controle, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("INSERT INTO trajecten_hoofdsleutels (id, controle) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = hoofdsleutelId });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = controle });
        await opdracht.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<OpgeslagenSleutel>> NietOnderAsync(string hoofdsleutelId, int aantal, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand(
            $"SELECT {Kolommen} FROM trajecten_sleutels WHERE ingepakt IS NOT NULL AND hoofdsleutel <> $1 ORDER BY sleutel_id LIMIT $2");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = hoofdsleutelId });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = aantal });
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new List<OpgeslagenSleutel>();
        while (await rijen.ReadAsync(ct))
        {
            resultaat.Add(Sleutel(rijen));
        }

        return resultaat;
    }

    public async Task HerverpakAsync(IReadOnlyList<OpgeslagenSleutel> sleutels, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("""
            UPDATE trajecten_sleutels s SET hoofdsleutel = n.hoofdsleutel, ingepakt = n.ingepakt
              FROM unnest($1::text[], $2::text[], $3::bytea[]) AS n(sleutel_id, hoofdsleutel, ingepakt)
             WHERE s.sleutel_id = n.sleutel_id AND s.ingepakt IS NOT NULL
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = sleutels.Select(s => s.SleutelId).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = sleutels.Select(s => s.Hoofdsleutel!).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = sleutels.Select(s => s.Ingepakt!).ToArray() });
        await opdracht.ExecuteNonQueryAsync(ct);
    }

    private static OpgeslagenSleutel Sleutel(NpgsqlDataReader rij) => new(rij.GetString(0), rij.GetString(1),
        rij.IsDBNull(2) ? null : rij.GetString(2), rij.IsDBNull(3) ? null : rij.GetFieldValue<byte[]>(3),
        rij.IsDBNull(4) ? null : rij.GetFieldValue<DateTimeOffset>(4));
}
