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
/// and commit in position order: a reader never sees position N+1 before N. Appends are group-committed:
/// everything that queued up in this silo while the previous batch committed goes in one transaction, so
/// the cluster-wide lock is held once per batch, not once per milestone.
/// </summary>
public sealed class PostgresGebeurtenisLog : IGebeurtenisLog, IAsyncDisposable
{
    /// <summary>Most appends per transaction.</summary>
    public const int MaxBatch = 500;

    private readonly NpgsqlDataSource database;
    private readonly GroepsCommit<Aanvraag, LogFeit> _groepscommit;

    public PostgresGebeurtenisLog(NpgsqlDataSource database)
    {
        this.database = database;
        _groepscommit = new GroepsCommit<Aanvraag, LogFeit>(database, "gebeurtenissen", MaxBatch, SchrijfAsync);
    }

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

    private sealed record Aanvraag(Rij Rij, Func<long, LogFeit> Nieuw);

    private Task<LogFeit> VoegToeAsync(Rij rij, Func<long, LogFeit> nieuw) => _groepscommit.SchrijfAsync(new Aanvraag(rij, nieuw));

    public ValueTask DisposeAsync() => _groepscommit.DisposeAsync();

    /// <summary>
    /// One batch, under the append lock: what already holds each (stroom, volgnummer) decides repeat or refusal;
    /// the rest gets the next positions, gapless, in one INSERT.
    /// </summary>
    private static async Task<Func<int, LogFeit>> SchrijfAsync(NpgsqlConnection verbinding, NpgsqlTransaction transactie, IReadOnlyList<Aanvraag> batch)
    {
        var bezet = new Dictionary<(string, int), (long Positie, string FeitId)>();
        long basis;
        await using (var vooraf = new NpgsqlBatch(verbinding, transactie))
        {
            vooraf.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({Slot})"));
            vooraf.BatchCommands.Add(new NpgsqlBatchCommand("SELECT coalesce(max(positie), 0) FROM trajecten_gebeurtenissen"));
            var zoek = new NpgsqlBatchCommand("""
                SELECT g.stroom_id, g.volgnummer, g.positie, g.feit_id
                  FROM trajecten_gebeurtenissen g JOIN unnest($1::text[], $2::int[]) AS k(stroom_id, volgnummer) USING (stroom_id, volgnummer)
                """);
            zoek.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.Rij.StroomId).ToArray() });
            zoek.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.Rij.Volgnummer).ToArray() });
            vooraf.BatchCommands.Add(zoek);
            await using var lezer = await vooraf.ExecuteReaderAsync();
            await lezer.NextResultAsync();
            await lezer.ReadAsync();
            basis = lezer.GetInt64(0);
            await lezer.NextResultAsync();
            while (await lezer.ReadAsync())
            {
                bezet[(lezer.GetString(0), lezer.GetInt32(1))] = (lezer.GetInt64(2), lezer.GetString(3));
            }
        }

        var nieuw = new List<Rij>();
        var uitkomsten = new object[batch.Count]; // a position, or this item's refusal
        for (var i = 0; i < batch.Count; i++)
        {
            var rij = batch[i].Rij;
            if (bezet.TryGetValue((rij.StroomId, rij.Volgnummer), out var eerder))
            {
                uitkomsten[i] = eerder.FeitId == rij.FeitId
                    ? eerder.Positie
                    : new VolgnummerBezetException($"{rij.StroomId} heeft al een feit met volgnummer {rij.Volgnummer}.");
                continue;
            }

            nieuw.Add(rij);
            var positie = basis + nieuw.Count;
            bezet[(rij.StroomId, rij.Volgnummer)] = (positie, rij.FeitId);
            uitkomsten[i] = positie;
        }

        if (nieuw.Count > 0)
        {
            await using var invoegen = new NpgsqlCommand("""
                INSERT INTO trajecten_gebeurtenissen (positie, stroom_id, volgnummer, feit_id, client_id, gemeente, traject_soort, feit, soort, gegevens, geregistreerd_op)
                SELECT $1 + r.nr, r.stroom_id, r.volgnummer, r.feit_id, r.client_id, r.gemeente, r.traject_soort, r.feit, r.soort, r.gegevens, r.geregistreerd_op
                  FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::jsonb[], $11::timestamptz[])
                       WITH ORDINALITY AS r(stroom_id, volgnummer, feit_id, client_id, gemeente, traject_soort, feit, soort, gegevens, geregistreerd_op, nr)
                """, verbinding, transactie);
            invoegen.Parameters.Add(new NpgsqlParameter { Value = basis });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.StroomId).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Volgnummer).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.FeitId).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.ClientId).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Gemeente).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.TrajectSoort is { } t ? (int?)t : null).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Soort).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Gegevens).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.GeregistreerdOp.ToUniversalTime()).ToArray() });
            await invoegen.ExecuteNonQueryAsync();
        }

        return i => uitkomsten[i] is long positie ? batch[i].Nieuw(positie) : throw (Exception)uitkomsten[i];
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
