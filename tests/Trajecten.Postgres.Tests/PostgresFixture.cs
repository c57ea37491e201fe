namespace Trajecten.Postgres.Tests;

/// <summary>One server for the collection; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Naam)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Naam = "postgres";
}
