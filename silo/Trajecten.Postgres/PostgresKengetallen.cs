using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Trajecten.Abstractions.Leesmodel;

namespace Trajecten.Postgres;

/// <summary>The management read model in ordinary tables (schema V006, frozen rows V010), queryable by SQL for the organisation's own reports.</summary>
public sealed class PostgresKengetallen(NpgsqlDataSource database) : IKengetallen
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SchrijfAsync(ClientStatistiek? client, IReadOnlyList<TrajectStatistiek> trajecten, IReadOnlyList<SignaalStatistiek> signalen)
    {
        // One round trip, one transaction, without waiting for its WAL flush: the projection's checkpoint is written after
        // it with a synchronous commit, which flushes the WAL up to and including this transaction (as the caseload does).
        // Every row moves only forward in the log, so a fact applied twice changes nothing.
        await using var verbinding = await database.OpenConnectionAsync();
        await using var transactie = await verbinding.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(verbinding, transactie);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
        if (client is not null)
        {
            var c = new NpgsqlBatchCommand("""
                INSERT INTO trajecten_kengetallen_clienten AS c (client_id, gemeente, klantmanager, aandachtspunten, laatste_positie)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (client_id) DO UPDATE SET gemeente = excluded.gemeente, klantmanager = excluded.klantmanager,
                    aandachtspunten = excluded.aandachtspunten, laatste_positie = excluded.laatste_positie
                  WHERE c.laatste_positie <= excluded.laatste_positie
                """);
            c.Parameters.Add(new NpgsqlParameter { Value = client.ClientId });
            c.Parameters.Add(new NpgsqlParameter { Value = client.Gemeente });
            c.Parameters.Add(new NpgsqlParameter { Value = (object?)client.Klantmanager ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            c.Parameters.Add(new NpgsqlParameter { Value = client.Aandachtspunten.ToArray() });
            c.Parameters.Add(new NpgsqlParameter { Value = client.LaatstePositie });
            batch.BatchCommands.Add(c);
        }

        if (trajecten.Count > 0)
        {
            var t = new NpgsqlBatchCommand("""
                INSERT INTO trajecten_kengetallen_trajecten AS k (traject_id, client_id, gemeente, soort, fase, doelgroep, aangemeld_op, intake_op,
                    diagnose_op, plaatsing_op, zoekperiode_tot, afgesloten_op, uitkomst, mijlpalen, nazorg, termijnen, verstreken, correcties,
                    intrekkingen, laatste_positie)
                SELECT r.traject_id, r.client_id, r.gemeente, r.soort, r.fase, r.doelgroep, r.aangemeld_op, r.intake_op, r.diagnose_op,
                       r.plaatsing_op, r.zoekperiode_tot, r.afgesloten_op, r.uitkomst,
                       ARRAY(SELECT jsonb_array_elements_text(r.mijlpalen)), r.nazorg, r.termijnen,
                       ARRAY(SELECT jsonb_array_elements_text(r.verstreken)), r.correcties, r.intrekkingen, r.laatste_positie
                  FROM jsonb_to_recordset($1::jsonb) AS r(traject_id text, client_id text, gemeente text, soort text, fase text, doelgroep text,
                       aangemeld_op date, intake_op date, diagnose_op date, plaatsing_op date, zoekperiode_tot date, afgesloten_op date,
                       uitkomst text, mijlpalen jsonb, nazorg jsonb, termijnen jsonb, verstreken jsonb, correcties int, intrekkingen int,
                       laatste_positie bigint)
                ON CONFLICT (traject_id) DO UPDATE SET client_id = excluded.client_id, gemeente = excluded.gemeente, soort = excluded.soort,
                    fase = excluded.fase, doelgroep = excluded.doelgroep, aangemeld_op = excluded.aangemeld_op, intake_op = excluded.intake_op,
                    diagnose_op = excluded.diagnose_op, plaatsing_op = excluded.plaatsing_op, zoekperiode_tot = excluded.zoekperiode_tot,
                    afgesloten_op = excluded.afgesloten_op, uitkomst = excluded.uitkomst, mijlpalen = excluded.mijlpalen,
                    nazorg = excluded.nazorg, termijnen = excluded.termijnen, verstreken = excluded.verstreken,
                    correcties = excluded.correcties, intrekkingen = excluded.intrekkingen, laatste_positie = excluded.laatste_positie
                  WHERE k.laatste_positie <= excluded.laatste_positie
                """);
            t.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(trajecten.Select(Rij), Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            batch.BatchCommands.Add(t);
        }

        if (signalen.Count > 0)
        {
            var s = new NpgsqlBatchCommand("""
                INSERT INTO trajecten_kengetallen_signalen (positie, client_id, domein, soort, datum)
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[]) ON CONFLICT (positie) DO NOTHING
                """);
            s.Parameters.Add(new NpgsqlParameter { Value = signalen.Select(x => x.Positie).ToArray() });
            s.Parameters.Add(new NpgsqlParameter { Value = signalen.Select(x => x.ClientId).ToArray() });
            s.Parameters.Add(new NpgsqlParameter { Value = signalen.Select(x => x.Domein).ToArray() });
            s.Parameters.Add(new NpgsqlParameter { Value = signalen.Select(x => x.Soort).ToArray() });
            s.Parameters.Add(new NpgsqlParameter { Value = signalen.Select(x => x.Datum).ToArray() });
            batch.BatchCommands.Add(s);
        }

        await batch.ExecuteNonQueryAsync();
        await transactie.CommitAsync();
    }

    /// <summary>The traject row as the JSON record <c>jsonb_to_recordset</c> reads (snake_case columns).</summary>
    private static Dictionary<string, object?> Rij(TrajectStatistiek t) => new()
    {
        ["traject_id"] = t.TrajectId, ["client_id"] = t.ClientId, ["gemeente"] = t.Gemeente, ["soort"] = t.Soort, ["fase"] = t.Fase,
        ["doelgroep"] = t.Doelgroep, ["aangemeld_op"] = t.AangemeldOp, ["intake_op"] = t.IntakeOp, ["diagnose_op"] = t.DiagnoseOp,
        ["plaatsing_op"] = t.PlaatsingOp, ["zoekperiode_tot"] = t.ZoekperiodeTot, ["afgesloten_op"] = t.AfgeslotenOp, ["uitkomst"] = t.Uitkomst,
        ["mijlpalen"] = t.Mijlpalen, ["nazorg"] = t.Nazorg, ["termijnen"] = t.Termijnen, ["verstreken"] = t.Verstreken,
        ["correcties"] = t.Correcties, ["intrekkingen"] = t.Intrekkingen, ["laatste_positie"] = t.LaatstePositie,
    };

    public async Task BevriesAsync(string clientId, DateOnly op, long positie)
    {
        // Idempotent throughout (the changes of a frozen row change it no further), so a crash half-way is repaired by the retry.
        var bron = await LeesAsync("client_id = $1", "c.client_id = $1", clientId, default);
        await SchrijfAsync(bron.Clienten.SingleOrDefault()?.NaVernietiging(op, positie), bron.Trajecten.Select(t => t.NaVernietiging(op, positie)).ToArray(), []);
        await using var opdracht = database.CreateCommand(
            "INSERT INTO trajecten_kengetallen_bevroren (client_id, vernietigd_op) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = clientId });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = op });
        await opdracht.ExecuteNonQueryAsync();
    }

    public async Task LeegAsync()
    {
        await using var opdracht = database.CreateCommand("""
            WITH trajecten AS (DELETE FROM trajecten_kengetallen_trajecten WHERE client_id NOT IN (SELECT client_id FROM trajecten_kengetallen_bevroren)),
                 signalen AS (DELETE FROM trajecten_kengetallen_signalen WHERE client_id NOT IN (SELECT client_id FROM trajecten_kengetallen_bevroren))
            DELETE FROM trajecten_kengetallen_clienten WHERE client_id NOT IN (SELECT client_id FROM trajecten_kengetallen_bevroren)
            """);
        await opdracht.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<SignaalStatistiek>> SignalenAsync(string domein, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("""
            SELECT s.positie, s.client_id, s.domein, s.soort, s.datum, c.gemeente
              FROM trajecten_kengetallen_signalen s LEFT JOIN trajecten_kengetallen_clienten c USING (client_id)
             WHERE s.domein = $1 ORDER BY s.positie
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = domein });
        await using var r = await opdracht.ExecuteReaderAsync(ct);
        var signalen = new List<SignaalStatistiek>();
        while (await r.ReadAsync(ct))
        {
            signalen.Add(new SignaalStatistiek(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.IsDBNull(5) ? null : r.GetString(5)));
        }

        return signalen;
    }

    public Task<KengetallenBron> LeesAsync(IReadOnlySet<string>? gemeenten = null, CancellationToken ct = default) =>
        gemeenten is null
            ? LeesAsync("true", "true", null, ct)
            : LeesAsync("gemeente = ANY($1)", "c.gemeente = ANY($1)", gemeenten.ToArray(), ct);

    /// <summary>The rows that pass the filters (of the traject and client tables, and of the signals joined to their client), with at most one parameter.</summary>
    private async Task<KengetallenBron> LeesAsync(string filter, string clientFilter, object? parameter, CancellationToken ct)
    {
        await using var batch = database.CreateBatch();
        foreach (var sql in new[]
        {
            $"""
            SELECT traject_id, client_id, gemeente, soort, fase, doelgroep, aangemeld_op, intake_op, diagnose_op, plaatsing_op, zoekperiode_tot,
                   afgesloten_op, uitkomst, mijlpalen, nazorg::text, termijnen::text, verstreken, correcties, intrekkingen, laatste_positie
              FROM trajecten_kengetallen_trajecten WHERE {filter} ORDER BY traject_id
            """,
            $"""
            SELECT c.client_id, c.gemeente, c.klantmanager, c.aandachtspunten, c.laatste_positie, b.vernietigd_op
              FROM trajecten_kengetallen_clienten c LEFT JOIN trajecten_kengetallen_bevroren b USING (client_id)
             WHERE {clientFilter} ORDER BY client_id
            """,
            // A signal counts for its client's gemeente now; signals about people who are no client count nowhere.
            $"""
            SELECT s.positie, s.client_id, s.domein, s.soort, s.datum, c.gemeente
              FROM trajecten_kengetallen_signalen s JOIN trajecten_kengetallen_clienten c USING (client_id)
             WHERE {clientFilter} ORDER BY s.positie
            """,
        })
        {
            var opdracht = new NpgsqlBatchCommand(sql);
            if (parameter is not null)
            {
                opdracht.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            batch.BatchCommands.Add(opdracht);
        }

        var trajecten = new List<TrajectStatistiek>();
        var clienten = new List<ClientStatistiek>();
        var signalen = new List<SignaalStatistiek>();
        await using var r = await batch.ExecuteReaderAsync(ct);
        DateOnly? Datum(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
        string? Tekst(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (await r.ReadAsync(ct))
        {
            trajecten.Add(new TrajectStatistiek(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Tekst(5), r.GetFieldValue<DateOnly>(6),
                Datum(7), Datum(8), Datum(9), Datum(10), Datum(11), Tekst(12), r.GetFieldValue<string[]>(13),
                JsonSerializer.Deserialize<NazorgMeting[]>(r.GetString(14), Json)!, JsonSerializer.Deserialize<OpenTermijn[]>(r.GetString(15), Json)!,
                r.GetFieldValue<string[]>(16), r.GetInt32(17), r.GetInt32(18), r.GetInt64(19)));
        }

        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            clienten.Add(new ClientStatistiek(r.GetString(0), r.GetString(1), Tekst(2), r.GetFieldValue<string[]>(3), r.GetInt64(4), Datum(5)));
        }

        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            signalen.Add(new SignaalStatistiek(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.GetString(5)));
        }

        return new KengetallenBron(trajecten, clienten, signalen);
    }
}
