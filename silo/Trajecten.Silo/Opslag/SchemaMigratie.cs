using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace Trajecten.Silo.Opslag;

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
