using Trajecten.Abstractions.Leesmodel;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Grains.Projecties;

namespace Trajecten.Postgres;

/// <summary>Checkpoints and parked facts of the projections in PostgreSQL (schema V005).</summary>
public sealed class PostgresProjectieOpslag(NpgsqlDataSource database) : IProjectieOpslag
{
    public async Task<IReadOnlyList<ProjectieStand>> LeesAsync(int partitie, IReadOnlyList<string> projecties)
    {
        await using var opdracht = database.CreateCommand(
            "SELECT projectie, positie, generatie FROM trajecten_projectie_stand WHERE partitie = $1 AND projectie = ANY($2)");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = (short)partitie });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = projecties.ToArray() });
        var gevonden = new Dictionary<string, ProjectieStand>();
        await using (var rijen = await opdracht.ExecuteReaderAsync())
        {
            while (await rijen.ReadAsync())
            {
                gevonden[rijen.GetString(0)] = new ProjectieStand(rijen.GetString(0), partitie, rijen.GetInt64(1), rijen.GetInt32(2));
            }
        }

        return projecties.Select(p => gevonden.GetValueOrDefault(p) ?? new ProjectieStand(p, partitie, 0, 0)).ToArray();
    }

    public async Task<IReadOnlySet<string>> SchrijfAsync(IReadOnlyList<ProjectieStand> standen)
    {
        // One statement, one commit for every projection of the partition's turn. A stand never written has generation
        // 0; one that was is moved only if its generation is still the one read. What is not returned was refused.
        await using var opdracht = database.CreateCommand("""
            INSERT INTO trajecten_projectie_stand AS s (projectie, partitie, positie, generatie)
            SELECT * FROM unnest($1::text[], $2::smallint[], $3::bigint[], $4::int[])
            ON CONFLICT (projectie, partitie) DO UPDATE SET positie = excluded.positie WHERE s.generatie = excluded.generatie
            RETURNING projectie
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = standen.Select(s => s.Projectie).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = standen.Select(s => (short)s.Partitie).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = standen.Select(s => s.Positie).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = standen.Select(s => s.Generatie).ToArray() });
        var geschreven = new HashSet<string>(StringComparer.Ordinal);
        await using (var rijen = await opdracht.ExecuteReaderAsync())
        {
            while (await rijen.ReadAsync())
            {
                geschreven.Add(rijen.GetString(0));
            }
        }

        return standen.Select(s => s.Projectie).Where(p => !geschreven.Contains(p)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task ParkeerAsync(IReadOnlyList<GeparkeerdFeit> feiten)
    {
        await using var opdracht = database.CreateCommand("""
            INSERT INTO trajecten_projectie_geparkeerd (projectie, positie, partitie, client_id, fout, geparkeerd_op)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::text[], $5::text[], $6::timestamptz[])
            ON CONFLICT DO NOTHING
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = feiten.Select(f => f.Projectie).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = feiten.Select(f => f.Positie).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = feiten.Select(f => (short)f.Partitie).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = feiten.Select(f => f.ClientId).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = feiten.Select(f => f.Fout.Length > 2000 ? f.Fout[..2000] : f.Fout).ToArray() });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = feiten.Select(f => f.GeparkeerdOp.ToUniversalTime()).ToArray() });
        await opdracht.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<GeparkeerdFeit>> GeparkeerdAsync(string? projectie = null, int? partitie = null)
    {
        await using var opdracht = database.CreateCommand("""
            SELECT projectie, positie, partitie, client_id, fout, geparkeerd_op FROM trajecten_projectie_geparkeerd
             WHERE ($1::text IS NULL OR projectie = $1) AND ($2::smallint IS NULL OR partitie = $2) ORDER BY positie
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = (object?)projectie ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = partitie is { } p ? (short)p : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint });
        var resultaat = new List<GeparkeerdFeit>();
        await using var rijen = await opdracht.ExecuteReaderAsync();
        while (await rijen.ReadAsync())
        {
            resultaat.Add(new GeparkeerdFeit(rijen.GetString(0), rijen.GetInt64(1), rijen.GetInt16(2), rijen.GetString(3), rijen.GetString(4),
                rijen.GetFieldValue<DateTimeOffset>(5)));
        }

        return resultaat;
    }

    public async Task HerbouwAsync(string projectie, Func<Task> leeg)
    {
        // Generation first: a reader still applying the old view finds its checkpoint refused from here on.
        await using (var batch = database.CreateBatch())
        {
            var stand = new NpgsqlBatchCommand("""
                INSERT INTO trajecten_projectie_stand (projectie, partitie, positie, generatie)
                SELECT $1, p, 0, 1 FROM generate_series(0, $2 - 1) AS p
                ON CONFLICT (projectie, partitie) DO UPDATE SET positie = 0, generatie = trajecten_projectie_stand.generatie + 1
                """);
            stand.Parameters.Add(new NpgsqlParameter { Value = projectie });
            stand.Parameters.Add(new NpgsqlParameter { Value = Partities.Aantal });
            var vrij = new NpgsqlBatchCommand("DELETE FROM trajecten_projectie_geparkeerd WHERE projectie = $1");
            vrij.Parameters.Add(new NpgsqlParameter { Value = projectie });
            batch.BatchCommands.Add(stand);
            batch.BatchCommands.Add(vrij);
            await batch.ExecuteNonQueryAsync();
        }

        await leeg();
    }

    public async Task<int> HerstelAsync(string projectie)
    {
        await using var opdracht = database.CreateCommand("""
            WITH vrij AS (DELETE FROM trajecten_projectie_geparkeerd WHERE projectie = $1 RETURNING partitie, positie),
                 eerste AS (SELECT partitie, min(positie) AS positie, count(*) AS aantal FROM vrij GROUP BY partitie),
                 terug AS (UPDATE trajecten_projectie_stand s SET positie = least(s.positie, e.positie - 1), generatie = s.generatie + 1
                             FROM eerste e WHERE s.projectie = $1 AND s.partitie = e.partitie)
            SELECT coalesce(sum(aantal), 0)::int FROM eerste
            """);
        opdracht.Parameters.Add(new NpgsqlParameter { Value = projectie });
        return (int)(await opdracht.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<ProjectieStand>> AllesAsync()
    {
        await using var opdracht = database.CreateCommand("SELECT projectie, partitie, positie, generatie FROM trajecten_projectie_stand ORDER BY projectie, partitie");
        var resultaat = new List<ProjectieStand>();
        await using var rijen = await opdracht.ExecuteReaderAsync();
        while (await rijen.ReadAsync())
        {
            resultaat.Add(new ProjectieStand(rijen.GetString(0), rijen.GetInt16(1), rijen.GetInt64(2), rijen.GetInt32(3)));
        }

        return resultaat;
    }
}

/// <summary>The caseload read model in ordinary tables (schema V005), queryable by SQL for the organisation's own BI.</summary>
public sealed class PostgresCaseload(NpgsqlDataSource database) : ICaseload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SchrijfAsync(CaseloadRij rij)
    {
        // One round trip, one transaction: the client's row (only if it does not go back in the log) and its open trajecten
        // (replaced only when the row now holds this position). It commits without waiting for its WAL flush: the
        // projection's checkpoint is written after it with a synchronous commit, which flushes the WAL up to and including
        // this transaction, so a checkpoint never survives a crash its rows did not.
        await using var verbinding = await database.OpenConnectionAsync();
        await using var transactie = await verbinding.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(verbinding, transactie);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
        var client = new NpgsqlBatchCommand("""
            INSERT INTO trajecten_caseload_clienten AS c (client_id, gemeente, klantmanager, klantmanager_naam, naam, naam_sleutel, geboortedatum,
                aandachtspunten, aandachtspunten_detail, volgende_termijn, volgende_termijn_soort, urgentie, laatste_activiteit, laatste_positie)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (client_id) DO UPDATE SET gemeente = excluded.gemeente, klantmanager = excluded.klantmanager,
                klantmanager_naam = excluded.klantmanager_naam, naam = excluded.naam, naam_sleutel = excluded.naam_sleutel,
                geboortedatum = excluded.geboortedatum, aandachtspunten = excluded.aandachtspunten,
                aandachtspunten_detail = excluded.aandachtspunten_detail, volgende_termijn = excluded.volgende_termijn,
                volgende_termijn_soort = excluded.volgende_termijn_soort, urgentie = excluded.urgentie,
                laatste_activiteit = excluded.laatste_activiteit, laatste_positie = excluded.laatste_positie
              WHERE c.laatste_positie <= excluded.laatste_positie
            """);
        client.Parameters.Add(new NpgsqlParameter { Value = rij.ClientId });
        client.Parameters.Add(new NpgsqlParameter { Value = rij.Gemeente });
        client.Parameters.Add(Tekst(rij.Klantmanager));
        client.Parameters.Add(Tekst(rij.KlantmanagerNaam));
        client.Parameters.Add(Tekst(rij.Naam));
        client.Parameters.Add(new NpgsqlParameter { Value = rij.NaamSleutel });
        client.Parameters.Add(new NpgsqlParameter { Value = rij.Geboortedatum is { } g ? g : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        client.Parameters.Add(new NpgsqlParameter { Value = rij.Aandachtspunten.Select(a => a.Code).Distinct().ToArray() });
        client.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(rij.Aandachtspunten, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        client.Parameters.Add(new NpgsqlParameter { Value = rij.VolgendeTermijn is { } t ? t.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        client.Parameters.Add(Tekst(rij.VolgendeTermijnSoort));
        client.Parameters.Add(new NpgsqlParameter { Value = rij.Urgentie is { } u ? u.ToUniversalTime() : DateTime.MaxValue, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        client.Parameters.Add(new NpgsqlParameter { Value = rij.LaatsteActiviteit.ToUniversalTime() });
        client.Parameters.Add(new NpgsqlParameter { Value = rij.LaatstePositie });
        batch.BatchCommands.Add(client);

        const string DezeVersie = "EXISTS (SELECT 1 FROM trajecten_caseload_clienten c WHERE c.client_id = $1 AND c.laatste_positie = $2)";
        var weg = new NpgsqlBatchCommand($"DELETE FROM trajecten_caseload_trajecten WHERE client_id = $1 AND {DezeVersie}");
        weg.Parameters.Add(new NpgsqlParameter { Value = rij.ClientId });
        weg.Parameters.Add(new NpgsqlParameter { Value = rij.LaatstePositie });
        batch.BatchCommands.Add(weg);

        var trajecten = new NpgsqlBatchCommand($"""
            INSERT INTO trajecten_caseload_trajecten (traject_id, client_id, soort, fase, doelgroep, volgende_termijn, volgende_termijn_soort)
            SELECT t.id, $1, t.soort, t.fase, t.doelgroep, t.termijn, t.termijn_soort
              FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[]) AS t(id, soort, fase, doelgroep, termijn, termijn_soort)
             WHERE {DezeVersie}
            """);
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.ClientId });
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.LaatstePositie });
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.Trajecten.Select(t => t.TrajectId).ToArray() });
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.Trajecten.Select(t => t.Soort).ToArray() });
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.Trajecten.Select(t => t.Fase).ToArray() });
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.Trajecten.Select(t => t.Doelgroep).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        trajecten.Parameters.Add(new NpgsqlParameter
        {
            Value = rij.Trajecten.Select(t => t.VolgendeTermijn is { } v ? (DateTime?)v.UtcDateTime : null).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        trajecten.Parameters.Add(new NpgsqlParameter { Value = rij.Trajecten.Select(t => t.VolgendeTermijnSoort).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(trajecten);
        await batch.ExecuteNonQueryAsync();
        await transactie.CommitAsync();
    }

    public async Task VerwijderAsync(string clientId)
    {
        await using var opdracht = database.CreateCommand("DELETE FROM trajecten_caseload_clienten WHERE client_id = $1"); // trajecten by cascade
        opdracht.Parameters.Add(new NpgsqlParameter { Value = clientId });
        await opdracht.ExecuteNonQueryAsync();
    }

    public async Task LeegAsync()
    {
        await using var opdracht = database.CreateCommand("TRUNCATE trajecten_caseload_trajecten, trajecten_caseload_clienten");
        await opdracht.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<CaseloadRij>> AllesAsync(CancellationToken ct = default) =>
        await LeesAsync("true", [], "c.client_id", int.MaxValue, ct);

    public async Task<CaseloadPagina> ZoekAsync(CaseloadVraag vraag, CancellationToken ct = default)
    {
        var waarden = new List<object>();
        string P(object waarde)
        {
            waarden.Add(waarde);
            return "$" + waarden.Count;
        }

        var voorwaarden = new List<string> { "true" };
        if (vraag.Scope is { } scope) voorwaarden.Add($"c.gemeente = ANY({P(scope.ToArray())})");
        if (vraag.Gemeenten.Count > 0) voorwaarden.Add($"c.gemeente = ANY({P(vraag.Gemeenten.ToArray())})");
        if (vraag.Klantmanager is { } km) voorwaarden.Add($"c.klantmanager = {P(km)}");
        if (vraag.Fase is { } fase) voorwaarden.Add($"EXISTS (SELECT 1 FROM trajecten_caseload_trajecten t WHERE t.client_id = c.client_id AND t.fase = {P(fase)})");
        if (vraag.Doelgroep is { } dg) voorwaarden.Add($"EXISTS (SELECT 1 FROM trajecten_caseload_trajecten t WHERE t.client_id = c.client_id AND t.doelgroep = {P(dg)})");
        if (vraag.Aandachtspunt is { } ap) voorwaarden.Add($"c.aandachtspunten @> ARRAY[{P(ap)}]::text[]");
        if (vraag.NaamPrefix is { } prefix)
        {
            // The start of any word of the folded name. strpos rather than LIKE: with a prepared (generic) plan a LIKE
            // pattern is a parameter PostgreSQL handles per row, ten times slower over a klantmanager's clients (measured).
            voorwaarden.Add($"strpos(' ' || c.naam_sleutel, {P(" " + prefix)}) > 0");
        }

        if (vraag.Geboortedatum is { } gd) voorwaarden.Add($"c.geboortedatum = {P(gd)}");
        if (vraag.AlleenUrgent)
        {
            voorwaarden.Add($"(cardinality(c.aandachtspunten) > 0 OR c.volgende_termijn < {P(vraag.TermijnVoor!.Value.UtcDateTime)})");
        }
        else if (vraag.TermijnVoor is { } voor)
        {
            voorwaarden.Add($"c.volgende_termijn < {P(voor.UtcDateTime)}");
        }

        var sleutel = vraag.Volgorde == CaseloadVolgorde.Naam ? "c.naam_sleutel COLLATE \"C\"" : "c.urgentie";
        var terug = vraag.Vanaf?.Terug == true;
        if (vraag.Vanaf is { } vanaf)
        {
            object waarde = vraag.Volgorde == CaseloadVolgorde.Naam ? vanaf.Sleutel : DateTime.Parse(vanaf.Sleutel, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            voorwaarden.Add($"({sleutel}, c.client_id COLLATE \"C\") {(terug ? "<" : ">")} ({P(waarde)}, {P(vanaf.ClientId)})");
        }

        var richting = terug ? "DESC" : "ASC";
        var rijen = (await LeesAsync(string.Join(" AND ", voorwaarden), waarden,
            $"{sleutel} {richting}, c.client_id COLLATE \"C\" {richting}", vraag.Limiet + 1, ct)).ToList();
        var meer = rijen.Count > vraag.Limiet;
        if (meer)
        {
            rijen.RemoveAt(rijen.Count - 1);
        }

        if (terug)
        {
            rijen.Reverse();
            return new CaseloadPagina(rijen, true, meer);
        }

        return new CaseloadPagina(rijen, meer, vraag.Vanaf is not null);
    }

    private static NpgsqlParameter Tekst(string? waarde) => new() { Value = (object?)waarde ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private async Task<IReadOnlyList<CaseloadRij>> LeesAsync(string waar, IReadOnlyList<object> waarden, string volgorde, int limiet, CancellationToken ct)
    {
        await using var opdracht = database.CreateCommand($"""
            SELECT c.client_id, c.gemeente, c.klantmanager, c.klantmanager_naam, c.naam, c.geboortedatum, c.aandachtspunten_detail::text,
                   c.volgende_termijn, c.volgende_termijn_soort, c.laatste_activiteit, c.laatste_positie,
                   coalesce((SELECT json_agg(json_build_array(t.traject_id, t.soort, t.fase, t.doelgroep, t.volgende_termijn, t.volgende_termijn_soort)
                                        ORDER BY t.traject_id)
                               FROM trajecten_caseload_trajecten t WHERE t.client_id = c.client_id), '[]')::text
              FROM trajecten_caseload_clienten c WHERE {waar} ORDER BY {volgorde} LIMIT {limiet}
            """);
        foreach (var waarde in waarden)
        {
            opdracht.Parameters.Add(new NpgsqlParameter { Value = waarde });
        }

        var resultaat = new List<CaseloadRij>();
        await using var rijen = await opdracht.ExecuteReaderAsync(ct);
        while (await rijen.ReadAsync(ct))
        {
            var trajecten = JsonSerializer.Deserialize<JsonElement[][]>(rijen.GetString(11))!.Select(t => new CaseloadTraject(
                t[0].GetString()!, t[1].GetString()!, t[2].GetString()!, t[3].ValueKind == JsonValueKind.Null ? null : t[3].GetString(),
                t[4].ValueKind == JsonValueKind.Null ? null : t[4].GetDateTimeOffset(), t[5].ValueKind == JsonValueKind.Null ? null : t[5].GetString())).ToArray();
            resultaat.Add(new CaseloadRij(
                rijen.GetString(0), rijen.GetString(1),
                rijen.IsDBNull(2) ? null : rijen.GetString(2), rijen.IsDBNull(3) ? null : rijen.GetString(3), rijen.IsDBNull(4) ? null : rijen.GetString(4),
                rijen.IsDBNull(5) ? null : rijen.GetFieldValue<DateOnly>(5),
                trajecten,
                JsonSerializer.Deserialize<Aandachtspunt[]>(rijen.GetString(6), Json)!,
                rijen.IsDBNull(7) ? null : rijen.GetFieldValue<DateTimeOffset>(7), rijen.IsDBNull(8) ? null : rijen.GetString(8),
                rijen.GetFieldValue<DateTimeOffset>(9), rijen.GetInt64(10)));
        }

        return resultaat;
    }
}

/// <summary>
/// Holds one connection that LISTENs for the log's commit notifications and wakes the projections of the partitions they
/// name, and for the destruction of data keys, which this silo then forgets. When the connection drops it reconnects; the
/// projections' own slow poll covers the gap, and the key cache is emptied (a destruction may have been announced meanwhile).
/// </summary>
public sealed partial class LogLuisteraar(NpgsqlDataSource database, LogMelder melder, Grains.Privacy.Persoonsgegevens kluis, ILogger<LogLuisteraar> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fouten = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var verbinding = await database.OpenConnectionAsync(stoppingToken);
                verbinding.Notification += (_, e) =>
                {
                    if (e.Channel == PostgresSleutelopslag.Kanaal)
                    {
                        kluis.Vergeet(e.Payload);
                        return;
                    }

                    melder.Meld(e.Payload.Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(p => int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
                        .Where(n => n is >= 0 and < Partities.Aantal).ToArray());
                };
                await using (var luister = new NpgsqlCommand($"LISTEN {PostgresGebeurtenisLog.Kanaal}; LISTEN {PostgresSleutelopslag.Kanaal}", verbinding))
                {
                    await luister.ExecuteNonQueryAsync(stoppingToken);
                }

                fouten = 0;
                melder.Meld(Enumerable.Range(0, Partities.Aantal).ToArray()); // whatever came while not listening
                kluis.VergeetAlles(); // and any destruction announced meanwhile
                while (!stoppingToken.IsCancellationRequested)
                {
                    await verbinding.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (fouten++ == 0)
                {
                    LogVerbroken(logger, ex);
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, fouten)), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "LISTEN op het gebeurtenissenlog verbroken; opnieuw verbinden (tot dan houdt de trage peiling de projecties bij)")]
    private static partial void LogVerbroken(ILogger logger, Exception ex);
}
