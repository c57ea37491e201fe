using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Trajecten.Proefopstelling;

/// <summary>
/// A throwaway PostgreSQL server in a temp directory on a free loopback port, started with the
/// machine's initdb/pg_ctl. PostgreSQL refuses to run as root, so as root it runs as user postgres.
/// fsync and synchronous_commit stay on: durability is what these tests are about.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _map;
    private readonly bool _alsRoot = Environment.UserName == "root";

    private readonly string _extra;

    private PostgresServer(string map, int poort, string extra)
    {
        _map = map;
        Poort = poort;
        _extra = extra;
    }

    public int Poort { get; }
    public string DataMap => Path.Combine(_map, "data");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Poort};Username=trajecten;Database={database};Timeout=5;Pooling=true";

    /// <param name="extra">Extra server settings, e.g. <c>-c shared_preload_libraries=pg_stat_statements</c>.</param>
    public static async Task<PostgresServer> StartAsync(string extra = "")
    {
        var map = Path.Combine(Path.GetTempPath(), "trajecten-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(map);
        var server = new PostgresServer(map, VrijePoort(), extra);
        if (server._alsRoot)
        {
            await server.VoerUitAsync("chown", "postgres", map);
        }

        await server.AlsEigenaarAsync("initdb", "-D", server.DataMap, "-U", "trajecten", "-A", "trust", "--no-sync", "-E", "UTF8");
        await server.StartOpnieuwAsync();
        return server;
    }

    public Task StartOpnieuwAsync() => AlsEigenaarAsync("pg_ctl", "-D", DataMap, "-w", "-t", "60", "-l", Path.Combine(_map, "log"),
        "-o", $"-p {Poort} -k {_map} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200 {_extra}", "start");

    /// <summary>Stops like a power cut (immediate mode: no checkpoint); committed data must survive.</summary>
    public Task StopAsync(bool onmiddellijk = true) =>
        AlsEigenaarAsync("pg_ctl", "-D", DataMap, "-w", "-m", onmiddellijk ? "immediate" : "fast", "stop");

    public async Task<string> MaakDatabaseAsync()
    {
        var naam = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var verbinding = new NpgsqlConnection(ConnectionString());
        await verbinding.OpenAsync();
        await using var opdracht = new NpgsqlCommand($"CREATE DATABASE {naam}", verbinding);
        await opdracht.ExecuteNonQueryAsync();
        return ConnectionString(naam);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_map, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task AlsEigenaarAsync(string programma, params string[] argumenten) =>
        _alsRoot ? VoerUitAsync("runuser", ["-u", "postgres", "--", programma, .. argumenten]) : VoerUitAsync(programma, argumenten);

    private async Task VoerUitAsync(string programma, params string[] argumenten)
    {
        var start = new ProcessStartInfo(programma) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _map };
        foreach (var argument in argumenten)
        {
            start.ArgumentList.Add(argument);
        }

        using var proces = Process.Start(start)!;
        var uit = proces.StandardOutput.ReadToEndAsync();
        var fout = proces.StandardError.ReadToEndAsync();
        await proces.WaitForExitAsync();
        if (proces.ExitCode != 0)
        {
            throw new InvalidOperationException($"{programma} {string.Join(' ', argumenten)} gaf {proces.ExitCode}: {await fout} {await uit}");
        }
    }

    public static int VrijePoort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
