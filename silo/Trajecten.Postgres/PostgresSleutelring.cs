using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Trajecten.Postgres;

/// <summary>
/// The data-protection key ring in PostgreSQL (<c>trajecten_sleutelring</c>), shared by every silo of the cluster.
/// Data protection reads all elements when it loads the ring and stores one element per new key (every 90 days).
/// </summary>
public sealed class PostgresSleutelring(NpgsqlDataSource database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var opdracht = database.CreateCommand("SELECT xml FROM trajecten_sleutelring ORDER BY gemaakt, naam");
        using var rijen = opdracht.ExecuteReader();
        var elementen = new List<XElement>();
        while (rijen.Read())
        {
            elementen.Add(XElement.Parse(rijen.GetString(0)));
        }

        return elementen;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var opdracht = database.CreateCommand("INSERT INTO trajecten_sleutelring (naam, xml) VALUES ($1, $2) ON CONFLICT (naam) DO NOTHING");
        opdracht.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        opdracht.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        opdracht.ExecuteNonQuery();
    }
}
