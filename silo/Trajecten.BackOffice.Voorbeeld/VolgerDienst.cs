using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;

namespace Trajecten.BackOffice.Voorbeeld;

/// <summary>Where the example keeps its cursor and which gemeente it follows.</summary>
public sealed record VolgerInstellingen(string Gemeente, string Cursorbestand, long? Vanaf);

/// <summary>
/// Runs the <see cref="GemeenteVolger"/> inside the host: started after the Orleans client, stopped before it (so Ctrl+C
/// unsubscribes while the client still works). The cursor is the back office's own state: a real back office keeps it in
/// its own database, in the transaction that records what it did with the event; this example keeps it in a file in a
/// state directory, replaced atomically. A cursor beyond the head of the log means the log was restored from an older
/// backup: positions will be reused for other facts, so the example refuses to start rather than skip them silently.
/// </summary>
public sealed partial class VolgerDienst(IClusterClient cluster, VolgerInstellingen instellingen, IHostApplicationLifetime leven, ILogger<VolgerDienst> logger)
    : IHostedService
{
    /// <summary>Exit code when the cursor lies beyond the head of the log.</summary>
    public const int CursorVoorbijKop = 3;

    private GemeenteVolger? _volger;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var vanaf = instellingen.Vanaf ?? await LeesCursorAsync(instellingen.Cursorbestand, cancellationToken);
        var kop = await cluster.GetGrain<IGebeurtenisFeedGrain>(0).KopAsync();
        if (vanaf > kop)
        {
            LogVoorbijKop(logger, vanaf, kop, instellingen.Cursorbestand);
            Environment.ExitCode = CursorVoorbijKop;
            leven.StopApplication();
            return;
        }

        _volger = new GemeenteVolger(cluster, instellingen.Gemeente, vanaf, VerwerkAsync);
        await _volger.StartAsync();
        LogGestart(logger, instellingen.Gemeente, vanaf, kop, instellingen.Cursorbestand);
    }

    private async Task VerwerkAsync(Gebeurtenis g)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{g.Positie,8} {g.Gemeente} {g.TrajectId} #{g.Mijlpaal.Volgnummer} {g.Mijlpaal.Soort} {g.Mijlpaal.Datum:yyyy-MM-dd}"));
        await SchrijfCursorAsync(instellingen.Cursorbestand, g.Positie);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_volger is not null)
        {
            await _volger.DisposeAsync();
            _volger = null;
        }
    }

    /// <summary>The cursor file's position, or 0 when there is none yet.</summary>
    public static async Task<long> LeesCursorAsync(string pad, CancellationToken ct) =>
        File.Exists(pad) ? long.Parse((await File.ReadAllTextAsync(pad, ct)).Trim(), CultureInfo.InvariantCulture) : 0;

    /// <summary>Writes the cursor next to the file and renames it over: a crash leaves the old or the new value, never half.</summary>
    public static async Task SchrijfCursorAsync(string pad, long positie)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pad))!);
        var tijdelijk = pad + ".nieuw";
        await File.WriteAllTextAsync(tijdelijk, positie.ToString(CultureInfo.InvariantCulture));
        File.Move(tijdelijk, pad, overwrite: true);
    }

    /// <summary>The default cursor file: the user's state directory (XDG), per cluster and gemeente.</summary>
    public static string StandaardCursorbestand(string clusterId, string gemeente)
    {
        var basis = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(basis, "trajecten-backoffice", clusterId, gemeente.ToLowerInvariant().Replace(' ', '-') + ".cursor");
    }

    [LoggerMessage(LogLevel.Critical, "De cursor {Cursor} ligt voorbij het einde van het log ({Kop}): is de database teruggezet uit een oudere back-up? " +
        "Posities worden dan opnieuw uitgedeeld en er zouden feiten worden overgeslagen. Stel vast wat al verwerkt is en start met --Vanaf <positie> " +
        "(cursorbestand {Cursorbestand}).")]
    private static partial void LogVoorbijKop(ILogger logger, long cursor, long kop, string cursorbestand);

    [LoggerMessage(LogLevel.Information, "Volgt {Gemeente} vanaf positie {Vanaf} (einde van het log: {Kop}; cursor in {Cursorbestand}); Ctrl+C stopt.")]
    private static partial void LogGestart(ILogger logger, string gemeente, long vanaf, long kop, string cursorbestand);
}
