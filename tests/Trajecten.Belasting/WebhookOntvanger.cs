using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Trajecten.Domain.Webhooks;

namespace Trajecten.Belasting;

/// <summary>
/// A back office's webhook receiver on loopback, as a careful one is written: it verifies every signature, deduplicates by
/// <c>webhook-id</c> (a delivery may be repeated after a crash between sending and storing the cursor) and notes the order
/// in which each traject's milestones first arrived.
/// </summary>
public sealed class WebhookOntvanger : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (string TrajectId, int Volgnummer, long Positie)> _gezien = new();
    private readonly ConcurrentQueue<(string TrajectId, long Positie)> _volgorde = new();
    private long _afleveringen, _ongeldig;

    public WebhookOntvanger()
    {
        using var vrij = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        vrij.Start();
        var poort = ((IPEndPoint)vrij.LocalEndpoint).Port;
        vrij.Stop();
        Url = $"http://127.0.0.1:{poort}/hook";
        _listener.Prefixes.Add($"http://127.0.0.1:{poort}/");
        _listener.Start();
        _ = Task.Run(LusAsync);
    }

    public string Url { get; }
    public string? Geheim { get; set; }
    public long Afleveringen => Interlocked.Read(ref _afleveringen);
    public long Ongeldig => Interlocked.Read(ref _ongeldig);
    public IReadOnlyCollection<string> Ids => _gezien.Keys.ToArray();

    /// <summary>Trajecten whose milestones first arrived out of position order.</summary>
    public int BuitenVolgorde() => _volgorde.GroupBy(v => v.TrajectId)
        .Count(g => !g.Select(v => v.Positie).SequenceEqual(g.Select(v => v.Positie).Order()));

    private async Task LusAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var lezer = new StreamReader(context.Request.InputStream);
            var body = await lezer.ReadToEndAsync();
            var (id, tijdstip, handtekening) = (context.Request.Headers[WebhookHandtekening.IdKop], context.Request.Headers[WebhookHandtekening.TijdstipKop],
                context.Request.Headers[WebhookHandtekening.HandtekeningKop]);
            Interlocked.Increment(ref _afleveringen);
            if (Geheim is null || id is null || tijdstip is null || handtekening is null
                || !WebhookHandtekening.Verifieer(Geheim, id, tijdstip, body, handtekening, DateTimeOffset.UtcNow, WebhookHandtekening.Tolerantie))
            {
                Interlocked.Increment(ref _ongeldig);
                context.Response.StatusCode = 401;
            }
            else
            {
                var notificatie = JsonNode.Parse(body)!;
                var kenmerken = notificatie["kenmerken"]!;
                var trajectId = notificatie["hoofdObject"]!.ToString().Split('/')[^1];
                var positie = (long)kenmerken["positie"]!;
                if (_gezien.TryAdd(id, (trajectId, (int)kenmerken["volgnummer"]!, positie)))
                {
                    _volgorde.Enqueue((trajectId, positie));
                }

                context.Response.StatusCode = 204;
            }

            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
