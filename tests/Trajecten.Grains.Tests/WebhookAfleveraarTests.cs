using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Grains.Abonnementen;

namespace Trajecten.Grains.Tests;

/// <summary>Webhook delivery cannot be turned against what the silo can reach: checked per connection, no redirects, one message.</summary>
public class WebhookAfleveraarTests
{
    private static WebhookAfleveraar Afleveraar(string[] toegestaan, Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null) =>
        new(new HttpClient(new WebhookVerbinding(Options.Create(new AbonnementOpties { ToegestaneDoelen = toegestaan }), NullLogger<WebhookVerbinding>.Instance, resolver).Handler()));

    /// <summary>A loopback HTTP server that answers every request with one fixed answer and counts the requests.</summary>
    private sealed class Server : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _verzoeken;

        public Server(string antwoord)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    TcpClient verbinding;
                    try
                    {
                        verbinding = await _listener.AcceptTcpClientAsync();
                    }
                    catch (Exception)
                    {
                        return;
                    }

                    _ = Task.Run(async () =>
                    {
                        using (verbinding)
                        {
                            var stroom = verbinding.GetStream();
                            var buffer = new byte[8192];
                            var gelezen = new StringBuilder();
                            while (!gelezen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                            {
                                var n = await stroom.ReadAsync(buffer);
                                if (n == 0)
                                {
                                    return;
                                }

                                gelezen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                            }

                            Interlocked.Increment(ref _verzoeken);
                            await stroom.WriteAsync(Encoding.ASCII.GetBytes(antwoord + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                        }
                    });
                }
            });
        }

        public int Poort => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Verzoeken => Volatile.Read(ref _verzoeken);
        public void Dispose() => _listener.Stop();
    }

    [Fact]
    public async Task A_name_that_resolves_to_an_internal_address_is_refused_when_connecting_unless_allowed()
    {
        using var server = new Server("HTTP/1.1 204 No Content");
        Task<IPAddress[]> NaarBinnen(string host, CancellationToken ct) => Task.FromResult(new[] { IPAddress.Loopback });
        var url = $"http://ontvanger.voorbeeld.nl:{server.Poort}/hook";

        var streng = Afleveraar([], NaarBinnen);
        Assert.Equal(WebhookAfleveraar.GeenAntwoord, (await streng.StuurAsync(url, null, "{}", TimeSpan.FromSeconds(5))).Fout);
        Assert.Equal(0, server.Verzoeken);

        var ruim = Afleveraar(["127.0.0.1/32"], NaarBinnen);
        Assert.Null((await ruim.StuurAsync(url, null, "{}", TimeSpan.FromSeconds(5))).Fout);
        Assert.Equal(1, server.Verzoeken);
    }

    [Fact]
    public async Task A_literal_internal_address_is_refused_without_a_lookup()
    {
        using var server = new Server("HTTP/1.1 204 No Content");
        var opgezocht = 0;
        var afleveraar = Afleveraar([], (_, _) => { opgezocht++; return Task.FromResult(Array.Empty<IPAddress>()); });
        Assert.Equal(WebhookAfleveraar.GeenAntwoord, (await afleveraar.StuurAsync($"http://127.0.0.1:{server.Poort}/", null, "{}", TimeSpan.FromSeconds(5))).Fout);
        Assert.Equal(WebhookAfleveraar.GeenAntwoord, (await afleveraar.StuurAsync($"http://[::ffff:127.0.0.1]:{server.Poort}/", null, "{}", TimeSpan.FromSeconds(5))).Fout);
        Assert.Equal((0, 0), (server.Verzoeken, opgezocht));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_even_to_an_allowed_address()
    {
        using var doel = new Server("HTTP/1.1 204 No Content");
        using var doorverwijzer = new Server($"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{doel.Poort}/intern");
        var afleveraar = Afleveraar(["127.0.0.1/32"]);
        var fout = (await afleveraar.StuurAsync($"http://127.0.0.1:{doorverwijzer.Poort}/hook", null, "{}", TimeSpan.FromSeconds(5))).Fout;
        Assert.Equal("HTTP 307 (doorverwijzingen worden niet gevolgd)", fout);
        Assert.Equal((1, 0), (doorverwijzer.Verzoeken, doel.Verzoeken));
    }

    [Fact]
    public async Task A_closed_port_and_an_open_port_that_does_not_speak_http_read_the_same()
    {
        using var stil = new TcpListener(IPAddress.Loopback, 0); // accepts, never answers (like a database port)
        stil.Start();
        using var gesloten = new TcpListener(IPAddress.Loopback, 0);
        gesloten.Start();
        var geslotenPoort = ((IPEndPoint)gesloten.LocalEndpoint).Port;
        gesloten.Stop();

        var afleveraar = Afleveraar(["127.0.0.1/32"]);
        var open = (await afleveraar.StuurAsync($"http://127.0.0.1:{((IPEndPoint)stil.LocalEndpoint).Port}/", null, "{}", TimeSpan.FromMilliseconds(500))).Fout;
        var dicht = (await afleveraar.StuurAsync($"http://127.0.0.1:{geslotenPoort}/", null, "{}", TimeSpan.FromMilliseconds(500))).Fout;
        Assert.Equal(WebhookAfleveraar.GeenAntwoord, open);
        Assert.Equal(open, dicht);
    }
}
