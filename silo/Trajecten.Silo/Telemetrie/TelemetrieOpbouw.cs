using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Trajecten.Grains;
using Trajecten.Postgres;

namespace Trajecten.Silo.Telemetrie;

/// <summary>Metrics (always, for Prometheus), traces (only with an OTLP endpoint) and the console log format.</summary>
public static class TelemetrieOpbouw
{
    public static WebApplicationBuilder VoegTelemetrieToe(this WebApplicationBuilder builder, TelemetrieOpties opties)
    {
        if (opties.Logformaat == Logformaat.Json)
        {
            builder.Logging.AddConsole(o => o.FormatterName = JsonLogFormaat.Naam).AddConsoleFormatter<JsonLogFormaat, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("trajecten", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(TrajectenMetrics.MeterName, OpslagMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(opties.OtlpEndpoint))
        {
            return builder;
        }

        otel.WithTracing(tracing => tracing
            // The sampling decision is taken once, where a trace starts; everything it calls follows it.
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(opties.Steekproef)))
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
                // The path can hold a clientId: a span names the route template, like the request log.
                o.EnrichWithHttpResponse = (activiteit, response) => activiteit.SetTag("url.path", Api.Verzoeklog.Route(response.HttpContext));
            })
            .AddSource(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName)
            .AddNpgsql()
            .AddProcessor(new SporenZonderPersonen()) // before the exporter's processor: it sees the span first
            .AddOtlpExporter(o =>
            {
                o.Protocol = opties.OtlpProtocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = TraceEndpoint(opties);
            }));
        return builder;
    }

    /// <summary>
    /// The collector's address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes it: over http/protobuf the exporter posts to
    /// exactly the address it is given, so a bare collector address gets the signal's path <c>/v1/traces</c>.
    /// </summary>
    public static Uri TraceEndpoint(TelemetrieOpties opties)
    {
        var adres = new Uri(opties.OtlpEndpoint!);
        return opties.OtlpProtocol == OtlpProtocol.HttpProtobuf && adres.AbsolutePath == "/" ? new Uri(adres, "/v1/traces") : adres;
    }
}
