using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Trajecten.Silo.Telemetrie;

/// <summary>
/// One JSON object per log line, for a log collector: <c>timestamp</c> (UTC, ISO 8601), <c>level</c>, <c>category</c>,
/// <c>message</c>, <c>template</c> (the message template, the same for every occurrence), the template's named values,
/// <c>trace_id</c>/<c>span_id</c> of the current trace (W3C, as the access log records them) and <c>exception</c>.
/// Log scopes are left out on purpose: ASP.NET Core's request scope carries the request path, and a path can hold a
/// clientId; the request log line (<c>Trajecten.Verzoeken</c>) names the route template instead.
/// </summary>
public sealed class JsonLogFormaat(TimeProvider klok) : ConsoleFormatter(Naam)
{
    public const string Naam = "trajecten-json";
    private const string Sjabloon = "{OriginalFormat}";

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _schrijver;

    // Log lines are read by collectors and people, never embedded in HTML: ë stays ë.
    private static readonly JsonWriterOptions Schrijfopties = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var bericht = entry.Formatter(entry.State, entry.Exception);
        if (bericht is null && entry.Exception is null)
        {
            return;
        }

        // One line per request on the hot path: the buffer and the writer are reused per thread, not made per line.
        var buffer = _buffer ??= new System.Buffers.ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = _schrijver ??= new Utf8JsonWriter(buffer, Schrijfopties);
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("timestamp", klok.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("level", Niveau(entry.LogLevel));
        json.WriteString("category", entry.Category);
        if (entry.EventId.Id != 0)
        {
            json.WriteNumber("event_id", entry.EventId.Id);
        }

        json.WriteString("message", bericht);
        if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> velden)
        {
            foreach (var (naam, waarde) in velden)
            {
                if (naam == Sjabloon)
                {
                    json.WriteString("template", waarde?.ToString());
                }
                else if (naam is not ("timestamp" or "level" or "category" or "message" or "trace_id" or "span_id" or "exception"))
                {
                    Schrijf(json, naam, waarde);
                }
            }
        }

        if (Activity.Current is { } activiteit)
        {
            json.WriteString("trace_id", activiteit.TraceId.ToHexString());
            json.WriteString("span_id", activiteit.SpanId.ToHexString());
        }

        if (entry.Exception is not null)
        {
            json.WriteString("exception", entry.Exception.ToString());
        }

        json.WriteEndObject();
        json.Flush();

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void Schrijf(Utf8JsonWriter json, string naam, object? waarde)
    {
        switch (waarde)
        {
            case null: json.WriteNull(naam); break;
            case bool b: json.WriteBoolean(naam, b); break;
            case int or long or short or byte or uint or ulong or ushort:
                json.WriteNumber(naam, Convert.ToInt64(waarde, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double or float or decimal:
                json.WriteNumber(naam, Convert.ToDouble(waarde, System.Globalization.CultureInfo.InvariantCulture)); break;
            case IFormattable f: json.WriteString(naam, f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: json.WriteString(naam, waarde.ToString()); break;
        }
    }

    private static string Niveau(LogLevel niveau) => niveau switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
