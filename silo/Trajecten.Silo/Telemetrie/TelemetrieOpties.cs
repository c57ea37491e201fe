using System.ComponentModel.DataAnnotations;

namespace Trajecten.Silo.Telemetrie;

public enum Logformaat
{
    /// <summary>Readable lines for a terminal (the default of <c>dotnet run</c>).</summary>
    Tekst,
    /// <summary>One JSON object per line, for a log collector (the default of the container image).</summary>
    Json,
}

public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}

/// <summary>Section <c>Telemetrie</c>: the console log format and tracing. Metrics are always on (<c>/metrics</c>).</summary>
public sealed class TelemetrieOpties : IValidatableObject
{
    public const string Sectie = "Telemetrie";

    public Logformaat Logformaat { get; set; }

    /// <summary>The OpenTelemetry collector traces go to (<c>http://otel-collector:4317</c>); empty: no tracing at all.</summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpProtocol OtlpProtocol { get; set; }

    /// <summary>The share of requests traced (0–1), decided at the root, followed by everything a traced request calls.</summary>
    [Range(0.0, 1.0)]
    public double Steekproef { get; set; } = 1.0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new($"{Sectie}:OtlpEndpoint '{OtlpEndpoint}' is geen absolute http(s)-URL, zoals http://otel-collector:4317.");
        }
    }
}
