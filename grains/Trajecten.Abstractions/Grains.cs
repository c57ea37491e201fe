using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions;

/// <summary>One client. Key: the clientId (a keyed hash of the BSN, never the BSN itself).</summary>
[Alias("trajecten.IClientGrain")]
public interface IClientGrain : IGrainWithStringKey
{
    /// <summary>Registers the client; a second registration of the same BSN returns the existing profile unchanged.</summary>
    [Alias("Registreer")]
    Task<ClientRegistratieUitkomst> RegistreerAsync(ClientRegistratie registratie);

    /// <summary>The profile, or null when no client is registered under this id.</summary>
    [Alias("GetProfiel")]
    Task<ClientProfiel?> GetProfielAsync();

    /// <summary>
    /// Opens a new traject for this client. With an idempotency key, a repeat returns the traject opened
    /// the first time. Null when the client is not registered.
    /// </summary>
    [Alias("MeldTrajectAan")]
    Task<TrajectAanmeldingUitkomst?> MeldTrajectAanAsync(TrajectSoort soort, string? idempotencyKey);
}

/// <summary>One traject: owns its milestones and their volgnummers. Key: the trajectId.</summary>
[Alias("trajecten.ITrajectGrain")]
public interface ITrajectGrain : IGrainWithStringKey
{
    /// <summary>Creates the traject (fase aangemeld). Called once, by the client grain; a repeat is a no-op.</summary>
    [Alias("MeldAan")]
    Task<TrajectOverzicht> MeldAanAsync(TrajectAanmelding aanmelding);

    /// <summary>The traject with its milestones in volgnummer order, or null when it does not exist.</summary>
    [Alias("Get")]
    Task<TrajectOverzicht?> GetAsync();

    /// <summary>
    /// Records a milestone if the state machine allows it; the same idempotency key with the same content
    /// returns the milestone recorded before. Stored before it is answered, then published.
    /// </summary>
    [Alias("RegistreerMijlpaal")]
    Task<MijlpaalUitkomst> RegistreerMijlpaalAsync(MijlpaalAanvraag aanvraag);
}

/// <summary>One employer. Key: <see cref="GrainKeys.Werkgever"/> of the KvK-nummer.</summary>
[Alias("trajecten.IWerkgeverGrain")]
public interface IWerkgeverGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the employer; true when it was created.</summary>
    [Alias("Registreer")]
    Task<bool> RegistreerAsync(WerkgeverGegevens gegevens);

    /// <summary>The employer with its placements and vacancies, or null when unknown.</summary>
    [Alias("Get")]
    Task<WerkgeverOverzicht?> GetAsync();

    /// <summary>Whether the employer is registered (cheap: no placements or vacancies are copied).</summary>
    [Alias("Bestaat")]
    Task<bool> BestaatAsync();

    /// <summary>Publishes a vacancy; null when the employer is unknown.</summary>
    [Alias("PlaatsVacature")]
    Task<Vacature?> PlaatsVacatureAsync(VacatureAanvraag aanvraag);

    /// <summary>Records a placement, idempotent by milestone id; false when the employer is unknown.</summary>
    [Alias("RegistreerPlaatsing")]
    Task<bool> RegistreerPlaatsingAsync(Plaatsing plaatsing);
}

/// <summary>
/// The register of other domains' signals about one person, content included. Key: the clientId the
/// person has or will have, so signals that arrive before registration are kept.
/// </summary>
[Alias("trajecten.ISignaalRegisterGrain")]
public interface ISignaalRegisterGrain : IGrainWithStringKey
{
    /// <summary>Stores the signal (idempotent by key) and publishes that it exists on <see cref="StreamNames.Signalen"/>.</summary>
    [Alias("Ontvang")]
    Task<SignaalUitkomst> OntvangAsync(SignaalAanvraag aanvraag);

    /// <summary>The signals received, without their content.</summary>
    [Alias("GetMeldingen")]
    Task<IReadOnlyList<SignaalMelding>> GetMeldingenAsync();

    /// <summary>signaalId → content, for signals of these domains only (the caller has checked the reader's role).</summary>
    [Alias("GetInhoud")]
    Task<IReadOnlyDictionary<string, string>> GetInhoudAsync(SignaalDomein[] domeinen);
}

/// <summary>
/// One webhook subscription: delivers every matching milestone from the event log to its callback, in order,
/// from a persisted cursor, retrying with exponential back-off. Key: the abonnementId ("ab-…").
/// </summary>
[Alias("trajecten.IAbonnementGrain")]
public interface IAbonnementGrain : IGrainWithStringKey
{
    /// <summary>Creates the subscription, starting after the current end of the log (or <paramref name="vanaf"/>).</summary>
    [Alias("Maak")]
    Task<AbonnementStand> MaakAsync(AbonnementGegevens gegevens, long vanaf);

    /// <summary>The subscription with its cursor and health, or null when it does not exist (or was deleted).</summary>
    [Alias("Get")]
    Task<AbonnementStand?> GetAsync();

    /// <summary>Stops delivery and forgets the subscription.</summary>
    [Alias("Verwijder")]
    Task VerwijderAsync();
}

/// <summary>The subscriptions of one owner (token subject). Key: the subject.</summary>
[Alias("trajecten.IAbonnementenRegisterGrain")]
public interface IAbonnementenRegisterGrain : IGrainWithStringKey
{
    [Alias("VoegToe")]
    Task VoegToeAsync(string abonnementId);

    [Alias("Verwijder")]
    Task VerwijderAsync(string abonnementId);

    [Alias("Lijst")]
    Task<IReadOnlyList<string>> LijstAsync();
}

/// <summary>
/// The integrated view of one client. Subscribes implicitly to the client's
/// <see cref="StreamNames.TrajectGebeurtenissen"/> and <see cref="StreamNames.Signalen"/> streams. Key: the clientId.
/// </summary>
[Alias("trajecten.IKlantbeeldGrain")]
public interface IKlantbeeldGrain : IGrainWithStringKey
{
    /// <summary>A snapshot of the view with today's aandachtspunten, or null when the client is not registered.</summary>
    [Alias("Get")]
    Task<Klantbeeld?> GetAsync();

    /// <summary>Applies a traject event delivered by the relay (idempotent; the same as receiving it on the stream).</summary>
    [Alias("PasToe")]
    Task PasToeAsync(TrajectGebeurtenis gebeurtenis);

    /// <summary>Applies a signal notice delivered by the relay (idempotent by signaalId).</summary>
    [Alias("PasSignaalToe")]
    Task PasSignaalToeAsync(SignaalMelding melding);
}

/// <summary>
/// The relay: tails the event log and delivers every fact again to its consumers (the client's klantbeeld, the
/// employer of a placement) with acknowledged grain calls, and rings the gemeente stream, so nothing a crash left
/// undelivered stays missing. One activation for the cluster (key <see cref="Sleutel"/>); its cursor is persisted.
/// </summary>
[Alias("trajecten.IGebeurtenisRelayGrain")]
public interface IGebeurtenisRelayGrain : IGrainWithStringKey
{
    const string Sleutel = "relay";

    /// <summary>Relays the facts after the cursor (a bounded batch) and returns how many it relayed.</summary>
    [Alias("Tik")]
    Task<int> TikAsync();
}

/// <summary>
/// Reads the milestone feed for code that runs as an Orleans client: the same pages as <c>GET /api/v1/gebeurtenissen</c>.
/// A stateless worker; key 0.
/// </summary>
[Alias("trajecten.IGebeurtenisFeedGrain")]
public interface IGebeurtenisFeedGrain : IGrainWithIntegerKey
{
    /// <summary>At most <paramref name="aantal"/> milestones after position <paramref name="na"/>, in position order.</summary>
    [Alias("Lees")]
    Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, string? gemeente);
}
