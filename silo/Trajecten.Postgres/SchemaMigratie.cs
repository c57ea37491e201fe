using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using Trajecten.Abstractions;

namespace Trajecten.Postgres;

/// <summary>
/// Brings a database up to date with the versioned schema files (deploy/sql/V{n}__{naam}.sql): each
/// missing version in its own transaction, recorded in trajecten_schema_versie. An advisory lock makes
/// it safe for several silos starting at once; a database that is up to date is left alone.
/// </summary>
public static partial class SchemaMigratie
{
    private const long Slot = 0x5472616A65637465; // "Trajecte"

    public sealed record Versie(int Nummer, string Naam, string Sql);

    public static IReadOnlyList<Versie> Versies { get; } = LaadVersies();

    /// <summary>Applies what is missing; returns the versions it applied (empty when already up to date).</summary>
    public static async Task<IReadOnlyList<int>> BijwerkenAsync(NpgsqlDataSource database, CancellationToken ct = default)
    {
        await using var verbinding = await database.OpenConnectionAsync(ct);
        await VoerUitAsync(verbinding, $"SELECT pg_advisory_lock({Slot})", ct);
        try
        {
            await VoerUitAsync(verbinding, """
                CREATE TABLE IF NOT EXISTS trajecten_schema_versie (
                    versie      integer     PRIMARY KEY,
                    naam        text        NOT NULL,
                    toegepast_op timestamptz NOT NULL DEFAULT now())
                """, ct);
            var toegepast = new HashSet<int>();
            await using (var lees = new NpgsqlCommand("SELECT versie FROM trajecten_schema_versie", verbinding))
            await using (var rijen = await lees.ExecuteReaderAsync(ct))
            {
                while (await rijen.ReadAsync(ct))
                {
                    toegepast.Add(rijen.GetInt32(0));
                }
            }

            var nieuw = new List<int>();
            foreach (var versie in Versies.Where(v => !toegepast.Contains(v.Nummer)))
            {
                await using var transactie = await verbinding.BeginTransactionAsync(ct);
                await using (var schema = new NpgsqlCommand(versie.Sql, verbinding, transactie))
                {
                    await schema.ExecuteNonQueryAsync(ct);
                }

                await using (var registreer = new NpgsqlCommand(
                    "INSERT INTO trajecten_schema_versie (versie, naam) VALUES ($1, $2)", verbinding, transactie))
                {
                    registreer.Parameters.Add(new NpgsqlParameter { Value = versie.Nummer });
                    registreer.Parameters.Add(new NpgsqlParameter { Value = versie.Naam });
                    await registreer.ExecuteNonQueryAsync(ct);
                }

                await transactie.CommitAsync(ct);
                nieuw.Add(versie.Nummer);
            }

            return nieuw;
        }
        finally
        {
            await VoerUitAsync(verbinding, $"SELECT pg_advisory_unlock({Slot})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The rights of the application role when a separate role owns the schema: read and write what it keeps, append only
    /// to the event log, the access log and the record of destructions (no UPDATE, DELETE or TRUNCATE), never delete a data key, read the schema version. Not being the owner,
    /// it cannot ALTER or DROP anything, so the access log's append-only trigger stays. Run after every migration, so new
    /// tables are covered too.
    /// </summary>
    public static async Task GeefRechtenAsync(NpgsqlDataSource eigenaar, string applicatieRol, CancellationToken ct = default)
    {
        var rol = "\"" + applicatieRol.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var verbinding = await eigenaar.OpenConnectionAsync(ct);
        await using var zelf = new NpgsqlCommand("SELECT current_user = $1", verbinding);
        zelf.Parameters.Add(new NpgsqlParameter { Value = applicatieRol });
        if ((bool)(await zelf.ExecuteScalarAsync(ct))!)
        {
            return; // one role for both: nothing to split
        }

        await using var transactie = await verbinding.BeginTransactionAsync(ct);
        await using var rechten = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {rol};
            GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {rol};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {rol};
            REVOKE UPDATE, DELETE, TRUNCATE ON trajecten_gebeurtenissen, trajecten_vernietigingen FROM {rol};
            REVOKE UPDATE, TRUNCATE ON trajecten_verwerkingen FROM {rol};
            REVOKE DELETE, TRUNCATE ON trajecten_sleutels FROM {rol};
            REVOKE UPDATE, DELETE, TRUNCATE ON trajecten_hoofdsleutels FROM {rol};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON trajecten_schema_versie FROM {rol};
            """, verbinding, transactie);
        await rechten.ExecuteNonQueryAsync(ct);
        await transactie.CommitAsync(ct);
    }

    /// <summary>For the application role when another role migrates: the schema must be at this version's level.</summary>
    public static async Task ControleerVersieAsync(NpgsqlDataSource database, CancellationToken ct = default)
    {
        await using var opdracht = database.CreateCommand("SELECT coalesce(max(versie), 0) FROM trajecten_schema_versie");
        var versie = (int)(await opdracht.ExecuteScalarAsync(ct))!;
        if (versie < Versies[^1].Nummer)
        {
            throw new ConfiguratieFout($"Het schema staat op versie {versie}; deze versie van Trajecten heeft {Versies[^1].Nummer} nodig.");
        }
    }

    private static async Task VoerUitAsync(NpgsqlConnection verbinding, string sql, CancellationToken ct)
    {
        await using var opdracht = new NpgsqlCommand(sql, verbinding);
        await opdracht.ExecuteNonQueryAsync(ct);
    }

    private static List<Versie> LaadVersies()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var versies = new List<Versie>();
        foreach (var naam in assembly.GetManifestResourceNames().Where(n => n.StartsWith("schema/", StringComparison.Ordinal)))
        {
            var match = VersieNaam().Match(naam);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Schemabestand {naam} heet niet V<nummer>__<naam>.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(naam)!;
            using var lezer = new StreamReader(stream);
            versies.Add(new Versie(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, lezer.ReadToEnd()));
        }

        versies.Sort((a, b) => a.Nummer.CompareTo(b.Nummer));
        if (versies.Select((v, i) => v.Nummer != i + 1).Any(b => b))
        {
            throw new InvalidOperationException("De schemaversies lopen niet aaneengesloten vanaf 1.");
        }

        return versies;
    }

    [GeneratedRegex(@"^schema/V(\d+)__([a-z0-9_\-]+)\.sql$")]
    private static partial Regex VersieNaam();
}
