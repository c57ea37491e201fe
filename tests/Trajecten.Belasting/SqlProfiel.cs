using System.Globalization;
using System.Text;
using Npgsql;

namespace Trajecten.Belasting;

/// <summary>What PostgreSQL did for a scenario, per statement, from pg_stat_statements: calls and time per request.</summary>
public static class SqlProfiel
{
    public static async Task ResetAsync(string database)
    {
        await using var verbinding = new NpgsqlConnection(database);
        await verbinding.OpenAsync();
        await new NpgsqlCommand("SELECT pg_stat_statements_reset()", verbinding).ExecuteNonQueryAsync();
    }

    public static async Task<string> LeesAsync(string database, long verzoeken)
    {
        await using var verbinding = new NpgsqlConnection(database);
        await verbinding.OpenAsync();
        await using var opdracht = new NpgsqlCommand("""
            SELECT calls, total_exec_time, wal_bytes, left(regexp_replace(query, '\s+', ' ', 'g'), 90)
              FROM pg_stat_statements
             WHERE query NOT LIKE '%pg_stat_statements%'
             ORDER BY total_exec_time DESC LIMIT 6
            """, verbinding);
        await using var rijen = await opdracht.ExecuteReaderAsync();
        var tekst = new StringBuilder();
        var per = Math.Max(1, verzoeken);
        while (await rijen.ReadAsync())
        {
            tekst.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"      {rijen.GetInt64(0) / (double)per,6:F2} calls/verzoek {rijen.GetDouble(1) / per,7:F3} ms/verzoek {rijen.GetDecimal(2) / per,8:F0} B WAL/verzoek  {rijen.GetString(3)}"));
        }

        return tekst.ToString();
    }
}
