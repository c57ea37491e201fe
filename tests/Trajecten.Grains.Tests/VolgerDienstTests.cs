using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Trajecten.Abstractions;
using Trajecten.BackOffice.Voorbeeld;

namespace Trajecten.Grains.Tests;

/// <summary>The back-office example as a hosted service: its cursor, a restored log, a clean stop.</summary>
[Collection(ClusterCollection.Naam)]
public class VolgerDienstTests(ClusterFixture fixture)
{
    private sealed class Leven : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stoppen = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stoppen.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public bool Gestopt { get; private set; }

        public void StopApplication()
        {
            Gestopt = true;
            _stoppen.Cancel();
        }
    }

    [Fact]
    public async Task A_cursor_beyond_the_head_of_the_log_stops_the_example_with_its_exit_code_instead_of_skipping_facts()
    {
        var bestand = Path.Combine(Path.GetTempPath(), "volger-" + Guid.NewGuid().ToString("N"), "alkmaar.cursor");
        var kop = await fixture.Client.GetGrain<IGebeurtenisFeedGrain>(0).KopAsync();
        await VolgerDienst.SchrijfCursorAsync(bestand, kop + 1000);
        var leven = new Leven();
        var dienst = new VolgerDienst(fixture.Client, new VolgerInstellingen("Alkmaar", bestand, null), leven, NullLogger<VolgerDienst>.Instance);
        var vooraf = Environment.ExitCode;
        try
        {
            await dienst.StartAsync(CancellationToken.None);
            Assert.True(leven.Gestopt);
            Assert.Equal(VolgerDienst.CursorVoorbijKop, Environment.ExitCode);
            Assert.Equal(kop + 1000, await VolgerDienst.LeesCursorAsync(bestand, CancellationToken.None)); // left as it was, for a person to judge
            await dienst.StopAsync(CancellationToken.None);
        }
        finally
        {
            Environment.ExitCode = vooraf;
            Directory.Delete(Path.GetDirectoryName(bestand)!, recursive: true);
        }
    }

    [Fact]
    public async Task From_a_valid_cursor_it_follows_and_stops_cleanly_while_the_client_still_works()
    {
        var bestand = Path.Combine(Path.GetTempPath(), "volger-" + Guid.NewGuid().ToString("N"), "heiloo.cursor");
        var kop = await fixture.Client.GetGrain<IGebeurtenisFeedGrain>(0).KopAsync();
        await VolgerDienst.SchrijfCursorAsync(bestand, kop);
        var leven = new Leven();
        var dienst = new VolgerDienst(fixture.Client, new VolgerInstellingen("Heiloo", bestand, null), leven, NullLogger<VolgerDienst>.Instance);
        try
        {
            await dienst.StartAsync(CancellationToken.None);
            Assert.False(leven.Gestopt);
            await dienst.StopAsync(CancellationToken.None); // unsubscribes from the stream; no ObjectDisposedException
            await dienst.StopAsync(CancellationToken.None); // and a second stop is harmless
            Assert.False(File.Exists(bestand + ".nieuw"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(bestand)!, recursive: true);
        }
    }
}
