using System.Globalization;
using System.Text;
using Orleans.Runtime;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Leesmodel;

namespace Trajecten.Silo;

/// <summary>
/// <c>GET /metrics/kengetallen</c>: the management figures of the whole cluster in the Prometheus text format. Every silo
/// answers, but only the silo that hosts the kengetallen grain writes the figures; the others answer with a comment naming
/// that silo and no samples. So Prometheus, scraping every silo, has each figure exactly once, and after a restart or the
/// loss of a silo the grain activates elsewhere and its silo takes over (the figures come from the read model, not memory).
/// Written here rather than through OpenTelemetry instruments: these are a snapshot of a database (gauges, cumulative
/// counters and histograms recomputed each time), which instruments that accumulate per process cannot express.
/// </summary>
public static class KengetallenExport
{
    public const string Pad = "/metrics/kengetallen";
    public const string InhoudType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task SchrijfAsync(HttpContext context, IGrainFactory grains, ILocalSiloDetails silo)
    {
        var momentopname = await grains.GetGrain<IKengetallenGrain>(GrainSleutels.Kengetallen).MomentopnameAsync();
        context.Response.ContentType = InhoudType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(Tekst(momentopname, silo.SiloAddress.ToParsableString()), context.RequestAborted);
    }

    /// <summary>The exposition as this silo writes it: everything when it hosts the figures, otherwise only where they are.</summary>
    public static string Tekst(KengetallenMomentopname m, string dezeSilo)
    {
        var sb = new StringBuilder();
        if (m.Silo != dezeSilo)
        {
            sb.Append("# De kengetallen van het cluster worden gemeld door silo ").Append(m.Silo).Append('\n');
            return sb.ToString();
        }

        foreach (var metriek in m.Metrieken)
        {
            Schrijf(sb, metriek);
        }

        Schrijf(sb, new Metriek("trajecten_kengetallen_berekend_timestamp_seconds", MetriekSoort.Gauge,
            "Wanneer de kengetallen uit het leesmodel zijn berekend (Unix-tijd).", [new Meting([], m.BerekendOp.ToUnixTimeMilliseconds() / 1000.0)]));
        Schrijf(sb, new Metriek("trajecten_kengetallen_berekening_seconds", MetriekSoort.Gauge,
            "Hoe lang het lezen van het leesmodel en het berekenen duurde.", [new Meting([], m.BerekenSeconden)]));
        return sb.ToString();
    }

    private static void Schrijf(StringBuilder sb, Metriek metriek)
    {
        var naam = metriek.Soort == MetriekSoort.Counter ? metriek.Naam + "_total" : metriek.Naam;
        sb.Append("# HELP ").Append(naam).Append(' ').Append(metriek.Help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        sb.Append("# TYPE ").Append(naam).Append(' ').Append(metriek.Soort switch
        {
            MetriekSoort.Counter => "counter",
            MetriekSoort.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var meting in metriek.Metingen)
        {
            if (metriek.Soort != MetriekSoort.Histogram)
            {
                Regel(sb, naam, meting.Labels, null, meting.Waarde);
                continue;
            }

            for (var i = 0; i < metriek.Grenzen!.Count; i++)
            {
                Regel(sb, naam + "_bucket", meting.Labels, Getal(metriek.Grenzen[i]), meting.Buckets![i]);
            }

            Regel(sb, naam + "_bucket", meting.Labels, "+Inf", meting.Aantal);
            Regel(sb, naam + "_sum", meting.Labels, null, meting.Waarde);
            Regel(sb, naam + "_count", meting.Labels, null, meting.Aantal);
        }
    }

    private static void Regel(StringBuilder sb, string naam, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double waarde)
    {
        sb.Append(naam);
        if (labels.Count > 0 || le is not null)
        {
            sb.Append('{');
            var eerste = true;
            foreach (var (sleutel, w) in labels.Concat(le is null ? [] : [new KeyValuePair<string, string>("le", le)]))
            {
                sb.Append(eerste ? "" : ",").Append(sleutel).Append("=\"")
                    .Append(w.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append('"');
                eerste = false;
            }

            sb.Append('}');
        }

        sb.Append(' ').Append(Getal(waarde)).Append('\n');
    }

    private static string Getal(double waarde) => waarde.ToString("R", CultureInfo.InvariantCulture);
}
