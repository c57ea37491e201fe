using Npgsql;
using NpgsqlTypes;
using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Publicatie;
using Trajecten.Domain.Traject;
using Trajecten.Grains.Privacy;

namespace Trajecten.Postgres;

/// <summary>
/// The event log in PostgreSQL. Appends take a transaction-scoped advisory lock, so positions are gapless
/// and commit in position order: a reader never sees position N+1 before N. Appends are group-committed:
/// everything that queued up in this silo while the previous batch committed goes in one transaction, so
/// the cluster-wide lock is held once per batch, not once per fact. The same transaction sends a
/// <c>NOTIFY</c> naming the partitions it wrote, so every silo's projections wake when it commits.
/// </summary>
public sealed class PostgresGebeurtenisLog : IGebeurtenisLog, IAsyncDisposable
{
    /// <summary>Most appends per transaction.</summary>
    public const int MaxBatch = 500;

    /// <summary>The channel of the commit notifications; the payload is the partitions written, comma-separated.</summary>
    public const string Kanaal = "trajecten_log";

    private readonly NpgsqlDataSource database;
    private readonly Persoonsgegevens kluis;
    private readonly GroepsCommit<(NieuwFeit Feit, OpgeslagenFeit Opgeslagen), LogFeit> _groepscommit;

    public PostgresGebeurtenisLog(NpgsqlDataSource database, Persoonsgegevens kluis)
    {
        (this.database, this.kluis) = (database, kluis);
        _groepscommit = new GroepsCommit<(NieuwFeit, OpgeslagenFeit), LogFeit>(database, "gebeurtenissen", MaxBatch, SchrijfAsync);
    }

    private const long Slot = 0x4765626575727465; // "Gebeurte"
    private const string Kolommen =
        "positie, stroom_id, volgnummer, feit_id, client_id, gemeente, traject_soort, feit, schema_versie, gegevens::text, geregistreerd_op, persoonlijk";

    /// <summary>The personal members are sealed before the fact queues for its batch, so the append lock never waits for a key.</summary>
    public async Task<LogFeit> VoegToeAsync(NieuwFeit feit) => await _groepscommit.SchrijfAsync((feit, await LogVersleuteling.SchrijfAsync(kluis, feit)));

    public Task<IReadOnlyList<LogFeit>> StroomAsync(string stroomId, int naVolgnummer) =>
        LeesAsync("stroom_id = $1 AND volgnummer > $2", [stroomId, naVolgnummer], int.MaxValue, "volgnummer");

    public async Task<long> LaatstePositieAsync(CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("SELECT coalesce(max(positie), 0) FROM trajecten_gebeurtenissen");
        return (long)(await opdracht.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The same selection as <see cref="GebeurtenisFilter.Past"/>, in SQL: published types, gemeente (or, for a move, the
    /// gemeente left), soort, and not a client left out.
    /// </summary>
    public Task<IReadOnlyList<LogFeit>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default) =>
        LeesAsync("""
            positie > $1 AND feit = ANY($2)
            AND ($3::text[] IS NULL OR gemeente = ANY($3) OR (feit = ANY($5) AND gegevens->>'van' = ANY($3)))
            AND ($4::text[] IS NULL OR soort = ANY($4))
            AND ($6::text[] IS NULL OR client_id <> ALL($6))
            """,
            [na, GebeurtenisTypen.LogTypen(filter.Typen ?? Enum.GetValues<GebeurtenisType>()).ToArray(),
             filter.Gemeenten is { } g ? g.ToArray() : (object)DBNull.Value,
             filter.Soorten is { } s ? s.Select(TrajectCodes.Mijlpaal.Code).ToArray() : (object)DBNull.Value,
             GebeurtenisTypen.Verhuizingen.ToArray(),
             filter.ZonderClienten is { Count: > 0 } z ? z.ToArray() : (object)DBNull.Value], aantal, "positie", ct);

    public Task<IReadOnlyList<LogFeit>> LeesPartitieAsync(int partitie, long na, int aantal, CancellationToken ct = default) =>
        LeesAsync("partitie = $1 AND positie > $2", [(short)partitie, na], aantal, "positie", ct);

    public ValueTask DisposeAsync() => _groepscommit.DisposeAsync();

    /// <summary>
    /// One batch, under the append lock: what already holds each (stroom, volgnummer) decides repeat or refusal;
    /// the rest gets the next positions, gapless, in one INSERT, and one NOTIFY tells every silo which partitions moved.
    /// </summary>
    private static async Task<Func<int, LogFeit>> SchrijfAsync(NpgsqlConnection verbinding, NpgsqlTransaction transactie,
        IReadOnlyList<(NieuwFeit Feit, OpgeslagenFeit Opgeslagen)> invoer)
    {
        var batch = invoer.Select(i => i.Feit).ToList();
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
            zoek.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.StroomId).ToArray() });
            zoek.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.Volgnummer).ToArray() });
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

        var nieuw = new List<(NieuwFeit Feit, string Type, string Json, byte[]? Persoonlijk)>();
        var uitkomsten = new object[batch.Count]; // the stored fact, or this item's refusal
        var opgeslagen = new Dictionary<long, LogFeit>();
        for (var i = 0; i < batch.Count; i++)
        {
            var feit = batch[i];
            if (bezet.TryGetValue((feit.StroomId, feit.Volgnummer), out var eerder))
            {
                uitkomsten[i] = eerder.FeitId == feit.FeitId
                    ? eerder.Positie
                    : new VolgnummerBezetException($"{feit.StroomId} heeft al een feit met volgnummer {feit.Volgnummer}.");
                continue;
            }

            var (type, json, persoonlijk) = invoer[i].Opgeslagen;
            nieuw.Add((feit, type, json, persoonlijk));
            var positie = basis + nieuw.Count;
            bezet[(feit.StroomId, feit.Volgnummer)] = (positie, feit.FeitId);
            opgeslagen[positie] = new LogFeit(positie, feit.StroomId, feit.Volgnummer, feit.FeitId, feit.ClientId, feit.Gemeente, feit.TrajectSoort,
                type, feit.Gegevens, feit.GeregistreerdOp);
            uitkomsten[i] = positie;
        }

        if (nieuw.Count > 0)
        {
            await using var invoegen = new NpgsqlCommand("""
                INSERT INTO trajecten_gebeurtenissen (positie, stroom_id, volgnummer, feit_id, client_id, gemeente, traject_soort, feit, soort, schema_versie, gegevens, geregistreerd_op, persoonlijk)
                SELECT $1 + r.nr, r.stroom_id, r.volgnummer, r.feit_id, r.client_id, r.gemeente, r.traject_soort, r.feit, r.soort, $12, r.gegevens, r.geregistreerd_op, r.persoonlijk
                  FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::timestamptz[], $13::bytea[])
                       WITH ORDINALITY AS r(stroom_id, volgnummer, feit_id, client_id, gemeente, traject_soort, feit, soort, gegevens, geregistreerd_op, persoonlijk, nr)
                """, verbinding, transactie);
            invoegen.Parameters.Add(new NpgsqlParameter { Value = basis });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit.StroomId).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit.Volgnummer).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit.FeitId).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit.ClientId).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit.Gemeente).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            invoegen.Parameters.Add(new NpgsqlParameter
            {
                Value = nieuw.Select(r => r.Feit.TrajectSoort is { } t ? TrajectCodes.Soort.Code(t) : null).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Type).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => Soort(r.Feit.Gegevens)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Feit.GeregistreerdOp.ToUniversalTime()).ToArray() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = (short)LogFormaat.Versie });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = nieuw.Select(r => r.Persoonlijk).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            await invoegen.ExecuteNonQueryAsync();

            await using var meld = new NpgsqlCommand("SELECT pg_notify($1, $2)", verbinding, transactie);
            meld.Parameters.Add(new NpgsqlParameter { Value = Kanaal });
            meld.Parameters.Add(new NpgsqlParameter { Value = string.Join(',', nieuw.Select(r => Partities.Van(r.Feit.ClientId)).Distinct()) });
            await meld.ExecuteNonQueryAsync();
        }

        return i => uitkomsten[i] switch
        {
            long positie when opgeslagen.TryGetValue(positie, out var feit) => feit,
            long positie => Herhaald(batch[i], positie),
            var fout => throw (Exception)fout,
        };
    }

    /// <summary>A repeat of a fact already stored: the caller's copy with the stored position (same stream, number and id).</summary>
    private static LogFeit Herhaald(NieuwFeit feit, long positie) => new(positie, feit.StroomId, feit.Volgnummer, feit.FeitId, feit.ClientId,
        feit.Gemeente, feit.TrajectSoort, LogFormaat.Type(feit.Gegevens), feit.Gegevens, feit.GeregistreerdOp);

    /// <summary>The kind within a type, for the feed's filter: the soort of the milestone a fact is about, a signal's domain.</summary>
    private static string? Soort(object gegevens) => gegevens switch
    {
        _ when GebeurtenisTypen.MijlpaalSoortVan(gegevens) is { } soort => TrajectCodes.Mijlpaal.Code(soort),
        OntvangenSignaal s => Trajecten.Domain.Signalen.SignaalCodes.Domein.Code(s.Melding.Domein),
        _ => null,
    };

    private async Task<IReadOnlyList<LogFeit>> LeesAsync(string waar, object[] waarden, int aantal, string volgorde, CancellationToken ct = default)
    {
        await using var verbinding = await database.OpenConnectionAsync(ct);
        await using var opdracht = new NpgsqlCommand(
            $"SELECT {Kolommen} FROM trajecten_gebeurtenissen WHERE {waar} ORDER BY {volgorde} LIMIT {aantal}", verbinding);
        foreach (var waarde in waarden)
        {
            opdracht.Parameters.Add(new NpgsqlParameter { Value = waarde });
        }

        var gelezen = new List<(LogFeit Feit, short Versie, string Json, byte[]? Persoonlijk)>();
        await using (var rijen = await opdracht.ExecuteReaderAsync(ct))
        {
            while (await rijen.ReadAsync(ct))
            {
                var type = rijen.GetString(7);
                TrajectSoort? trajectSoort = rijen.IsDBNull(6) ? null : TrajectCodes.Soort.TryParse(rijen.GetString(6), out var s) ? s : null;
                gelezen.Add((new LogFeit(rijen.GetInt64(0), rijen.GetString(1), rijen.GetInt32(2), rijen.GetString(3), rijen.GetString(4),
                        rijen.IsDBNull(5) ? null : rijen.GetString(5), trajectSoort, type, null!, rijen.GetFieldValue<DateTimeOffset>(10)),
                    rijen.GetInt16(8), rijen.GetString(9), rijen.IsDBNull(11) ? null : rijen.GetFieldValue<byte[]>(11)));
            }
        }

        await LogVersleuteling.LaadAsync(kluis, gelezen.Select(r => r.Persoonlijk), ct);
        return gelezen.ConvertAll(r => r.Feit with { Gegevens = Gegevens(r.Feit, r.Versie, r.Json, r.Persoonlijk) });
    }

    /// <summary>One row's fact: the tolerant reader of <see cref="LogFormaat"/> decides what its JSON means.</summary>
    private object Gegevens(LogFeit feit, short versie, string json, byte[]? persoonlijk)
    {
        try
        {
            return LogVersleuteling.Lees(kluis, feit.Type, versie, json, persoonlijk, feit.FeitId);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException)
        {
            // Unreadable here: passed on as unknown, so the reader that needs it stops at it (and parks it), never skips it.
            return new OnbekendFeit(feit.Type, versie, json);
        }
    }
}
