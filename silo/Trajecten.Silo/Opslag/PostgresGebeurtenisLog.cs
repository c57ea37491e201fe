using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Signalen;
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
    private const string Kolommen = "positie, stroom_id, volgnummer, client_id, gemeente, traject_soort, feit, gegevens::text";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<Gebeurtenis> VoegToeAsync(string trajectId, string clientId, string gemeente, TrajectSoort trajectSoort, Mijlpaal mijlpaal)
    {
        var feit = await VoegToeAsync(new Rij(trajectId, mijlpaal.Volgnummer, mijlpaal.MijlpaalId, clientId, gemeente, trajectSoort, "mijlpaal",
            TrajectCodes.Mijlpaal.Code(mijlpaal.Soort), JsonSerializer.Serialize(mijlpaal, Json), mijlpaal.GeregistreerdOp),
            positie => new LogFeit(positie, new Gebeurtenis(positie, trajectId, clientId, gemeente, trajectSoort, mijlpaal), null));
        return feit.Mijlpaal!;
    }

    public async Task<SignaalFeit> VoegSignaalToeAsync(string clientId, int volgnummer, OntvangenSignaal signaal)
    {
        var feit = await VoegToeAsync(new Rij(clientId, volgnummer, signaal.Melding.SignaalId, clientId, null, null, "signaal",
            SignaalCodes.Domein.Code(signaal.Melding.Domein), JsonSerializer.Serialize(signaal, Json), signaal.Melding.OntvangenOp),
            positie => new LogFeit(positie, null, new SignaalFeit(positie, clientId, volgnummer, signaal)));
        return feit.Signaal!;
    }

    public async Task<IReadOnlyList<Mijlpaal>> TrajectAsync(string trajectId, int naVolgnummer) =>
        (await LeesAsync("stroom_id = $1 AND volgnummer > $2 AND feit = 'mijlpaal'", [trajectId, naVolgnummer], int.MaxValue))
        .Select(f => f.Mijlpaal!.Mijlpaal).ToArray();

    public async Task<IReadOnlyList<OntvangenSignaal>> SignalenAsync(string clientId, int naVolgnummer) =>
        (await LeesAsync("stroom_id = $1 AND volgnummer > $2 AND feit = 'signaal'", [clientId, naVolgnummer], int.MaxValue))
        .Select(f => f.Signaal!.Signaal).ToArray();

    public async Task<long> LaatstePositieAsync(CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("SELECT coalesce(max(positie), 0) FROM trajecten_gebeurtenissen");
        return (long)(await opdracht.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default) =>
        (await LeesAsync("positie > $1 AND feit = 'mijlpaal' AND ($2::text IS NULL OR gemeente = $2) AND ($3::text IS NULL OR soort = $3)",
            [na, (object?)filter.Gemeente ?? DBNull.Value, filter.Soort is { } s ? TrajectCodes.Mijlpaal.Code(s) : DBNull.Value], aantal, ct))
        .Select(f => f.Mijlpaal!).ToArray();

    public Task<IReadOnlyList<LogFeit>> LeesAllesAsync(long na, int aantal, CancellationToken ct = default) =>
        LeesAsync("positie > $1", [na], aantal, ct);

    private sealed record Rij(string StroomId, int Volgnummer, string FeitId, string ClientId, string? Gemeente, TrajectSoort? TrajectSoort,
        string Feit, string Soort, string Gegevens, DateTimeOffset GeregistreerdOp);

    private async Task<LogFeit> VoegToeAsync(Rij rij, Func<long, LogFeit> nieuw)
    {
        await using var verbinding = await database.OpenConnectionAsync();
        await using var transactie = await verbinding.BeginTransactionAsync();
        await using (var slot = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({Slot})", verbinding, transactie))
        {
            await slot.ExecuteNonQueryAsync();
        }

        await using var invoegen = new NpgsqlCommand("""
            INSERT INTO trajecten_gebeurtenissen (positie, stroom_id, volgnummer, feit_id, client_id, gemeente, traject_soort, feit, soort, gegevens, geregistreerd_op)
            SELECT coalesce(max(positie), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM trajecten_gebeurtenissen
            ON CONFLICT (stroom_id, volgnummer) DO NOTHING
            RETURNING positie
            """, verbinding, transactie);
        object?[] waarden = [rij.StroomId, rij.Volgnummer, rij.FeitId, rij.ClientId, rij.Gemeente, rij.TrajectSoort is { } t ? (int)t : null, rij.Feit, rij.Soort];
        foreach (var waarde in waarden)
        {
            invoegen.Parameters.Add(new NpgsqlParameter { Value = waarde ?? DBNull.Value });
        }

        invoegen.Parameters[4].NpgsqlDbType = NpgsqlDbType.Text;
        invoegen.Parameters[5].NpgsqlDbType = NpgsqlDbType.Integer;
        invoegen.Parameters.Add(new NpgsqlParameter { Value = rij.Gegevens, NpgsqlDbType = NpgsqlDbType.Jsonb });
        invoegen.Parameters.Add(new NpgsqlParameter { Value = rij.GeregistreerdOp });
        if (await invoegen.ExecuteScalarAsync() is long positie)
        {
            await transactie.CommitAsync();
            return nieuw(positie);
        }

        await transactie.RollbackAsync();
        // The volgnummer is taken: by this very fact (a repeat) or by another writer's.
        var opgeslagen = (await LeesAsync(verbinding, "stroom_id = $1 AND volgnummer = $2", [rij.StroomId, rij.Volgnummer], 1)).Single();
        var opgeslagenId = opgeslagen.Mijlpaal?.Mijlpaal.MijlpaalId ?? opgeslagen.Signaal!.Signaal.Melding.SignaalId;
        return opgeslagenId == rij.FeitId
            ? opgeslagen
            : throw new VolgnummerBezetException($"{rij.StroomId} heeft al een feit met volgnummer {rij.Volgnummer}.");
    }

    private async Task<IReadOnlyList<LogFeit>> LeesAsync(string waar, object[] waarden, int aantal, CancellationToken ct = default)
    {
        await using var verbinding = await database.OpenConnectionAsync(ct);
        return await LeesAsync(verbinding, waar, waarden, aantal, ct);
    }

    private static async Task<IReadOnlyList<LogFeit>> LeesAsync(NpgsqlConnection verbinding, string waar, object[] waarden, int aantal, CancellationToken ct = default)
    {
        await using var opdracht = new NpgsqlCommand($"SELECT {Kolommen} FROM trajecten_gebeurtenissen WHERE {waar} ORDER BY positie LIMIT {aantal}", verbinding);
        foreach (var waarde in waarden)
        {
            opdracht.Parameters.Add(new NpgsqlParameter { Value = waarde });
        }

        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        var resultaat = new List<LogFeit>();
        while (await rijen.ReadAsync(ct))
        {
            var positie = rijen.GetInt64(0);
            var gegevens = rijen.GetString(7);
            resultaat.Add(rijen.GetString(6) == "signaal"
                ? new LogFeit(positie, null, new SignaalFeit(positie, rijen.GetString(3), rijen.GetInt32(2), JsonSerializer.Deserialize<OntvangenSignaal>(gegevens, Json)!))
                : new LogFeit(positie, new Gebeurtenis(positie, rijen.GetString(1), rijen.GetString(3), rijen.GetString(4),
                    (TrajectSoort)rijen.GetInt32(5), JsonSerializer.Deserialize<Mijlpaal>(gegevens, Json)!), null));
        }

        return resultaat;
    }
}
