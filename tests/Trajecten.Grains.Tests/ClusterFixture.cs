using Trajecten.Grains.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Domain.Identificatie;
using Trajecten.Grains.Projecties;

namespace Trajecten.Grains.Tests;

/// <summary>What the tests ask of the domain's clock.</summary>
public static class KlokExtensies
{
    extension(FakeTimeProvider klok)
    {
        public DateTimeOffset Nu => klok.GetUtcNow();
        public DateOnly Vandaag => DateOnly.FromDateTime(klok.GetUtcNow().UtcDateTime);
    }
}

/// <summary>One 2-silo cluster for the whole collection (Orleans' DefaultClusterFixture pattern); tests use unique keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The domain's clock (grains stamp facts and decide deadlines by it); the runtime keeps its own.</summary>
    public FakeTimeProvider Klok { get; } = new(Start);
    public LogMelder Melder { get; } = new();
    public GeheugenGebeurtenisLog Log { get; }
    public GeheugenProjectieOpslag ProjectieOpslag { get; } = new();
    public GeheugenCaseload Caseload { get; } = new();
    public ProefHerinneringen Herinneringen { get; } = new();

    /// <summary>One vault for both silos, as the keys table would be.</summary>
    public Persoonsgegevens Kluis { get; } = new(new GeheugenSleutelopslag(), Hoofdsleutels.Maak(new PersoonsgegevensOpties(), inMemory: true, out _),
        new PersoonsgegevensOpties(), TimeProvider.System);

    public ClusterFixture() => Log = new GeheugenGebeurtenisLog(Melder, Kluis);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;
    public ClientPseudoniem Pseudoniem { get; } = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTrajectenGrains().AddTrajectenInMemoryStorage().AddReminders();
            // The memory storage, with a way to make one grain's next write fail.
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(OpslagNamen.Trajecten,
                (sp, _) => new ProefOpslag(Orleans.Storage.MemoryGrainStorageFactory.Create(sp, OpslagNamen.Trajecten)));
        });
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<TimeProvider>(DomeinKlok.Sleutel, Klok);
            // One log, one set of checkpoints and one read model for both silos, as PostgreSQL would be; the melder stands in
            // for LISTEN/NOTIFY (every silo hears every commit).
            host.Services.AddSingleton<IGebeurtenisLog>(Log);
            host.Services.AddSingleton(Kluis);
            host.Services.AddSingleton(Melder);
            host.Services.AddSingleton<IReminderTable>(Herinneringen); // one table for both silos
            host.Services.AddSingleton<IProjectieOpslag>(ProjectieOpslag);
            host.Services.AddSingleton<ICaseload>(Caseload);
            host.Services.AddSingleton<IProjectie, FalendeProjectie>();
            host.Services.Configure<ProjectieOpties>(o => (o.MaxPogingen, o.Peilinterval) = (3, TimeSpan.FromMilliseconds(200)));
            // Orleans' default placement prefers the calling silo, which would keep a test's grains together;
            // random placement spreads them, so facts really cross silos.
            host.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StroomNamen.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// A projection that fails for the clients the test puts in <see cref="Falend"/> and records what it applied: how a
/// projection with a bug, or a fact it cannot handle, behaves.
/// </summary>
public sealed class FalendeProjectie : IProjectie
{
    public const string ProjectieNaam = "test-falend";
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Falend = new();
    public static readonly System.Collections.Concurrent.ConcurrentQueue<(string ClientId, long Positie)> Toegepast = new();

    public string Naam => ProjectieNaam;

    public Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        if (Falend.ContainsKey(clientId))
        {
            throw new InvalidOperationException("testfout");
        }

        foreach (var feit in feiten)
        {
            Toegepast.Enqueue((clientId, feit.Positie));
        }

        return Task.CompletedTask;
    }

    public Task LeegAsync() => Task.CompletedTask;
}

[CollectionDefinition(Naam)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Naam = "cluster";
}

/// <summary>This suite's test persons, one series for the whole run, so tests never share a client.</summary>
public static class TestBsn
{
    private static readonly Trajecten.TestHulp.BsnReeks Reeks = new(100_000);

    public static Bsn Nieuw() => Reeks.Volgende();
}

public static class Wachten
{
    /// <summary>Polls until the condition holds, failing with the last value after the deadline. Never a fixed sleep.</summary>
    public static async Task<T> TotAsync<T>(Func<Task<T>> lees, Func<T, bool> voorwaarde, string wat, int seconden = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconden);
        T waarde;
        while (!voorwaarde(waarde = await lees()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Na {seconden} s nog niet: {wat}. Laatste waarde: {(waarde is System.Collections.IEnumerable e and not string ? string.Join("; ", e.Cast<object>()) : waarde)}");
            }

            await Task.Delay(25);
        }

        return waarde;
    }
}
