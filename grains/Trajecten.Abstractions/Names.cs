namespace Trajecten.Abstractions;

/// <summary>
/// The clock of the domain: the time grains stamp facts with and decide deadlines by. A keyed service, apart from the
/// unkeyed <see cref="TimeProvider"/> the Orleans runtime runs on, so a test can move the domain's time without moving the
/// runtime's (its timers, reminders and time-outs).
/// </summary>
public static class DomeinKlok
{
    public const string Sleutel = "trajecten-domein";
}

/// <summary>Names of the grain storage providers, defined once.</summary>
public static class OpslagNamen
{
    /// <summary>Grain state of clients, trajecten, werkgevers, signal registers and klantbeelden.</summary>
    public const string Trajecten = "trajecten";

    /// <summary>Orleans' stream pub-sub state; the name is fixed by Orleans.</summary>
    public const string PubSub = "PubSubStore";
}

/// <summary>The stream provider and the stream namespaces.</summary>
public static class StroomNamen
{
    public const string Provider = "trajecten";

    /// <summary>
    /// <see cref="Messages.Gebeurtenis"/>: every milestone of one gemeente, in log order, keyed by the gemeente's name.
    /// Rung by the projections from the event log, for back-office code that runs as an Orleans client
    /// (at least once: a consumer skips positions it has handled and fills gaps from <see cref="IGebeurtenisFeedGrain"/>).
    /// </summary>
    public const string GemeenteGebeurtenissen = "trajecten.gemeente-gebeurtenissen";
}

/// <summary>Grain keys. None contains a BSN.</summary>
public static class GrainSleutels
{
    /// <summary>The werkgever grain key: a prefix keeps the 8 digits from reading as a hexadecimal integer key.</summary>
    public static string Werkgever(string kvkNummer) => "kvk-" + kvkNummer;

    /// <summary>The one management-figures grain of the cluster.</summary>
    public const string Kengetallen = "regio";

    /// <summary>The one retention grain of the region.</summary>
    public const string Bewaartermijnen = "regio";
}
