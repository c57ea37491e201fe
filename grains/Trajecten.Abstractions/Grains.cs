using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Client;
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
    Task<ClientProfiel?> LeesProfielAsync();

    /// <summary>
    /// Opens a new traject for this client. With an idempotency key, a repeat returns the traject opened
    /// the first time. Null when the client is not registered. <paramref name="aanmelddatum"/>: the day the referral came in,
    /// when it is registered later (default: now).
    /// </summary>
    [Alias("MeldTrajectAan")]
    Task<TrajectAanmeldingUitkomst?> MeldTrajectAanAsync(TrajectSoort soort, string? idempotencyKey, DateOnly? aanmelddatum = null);

    /// <summary>
    /// Changes naam, klantmanager or contact (a merge patch) if <see cref="ClientWijzigAanvraag.VerwachteVersie"/> is the
    /// current version; appends a "client gewijzigd" fact to the log first.
    /// </summary>
    [Alias("Wijzig")]
    Task<ClientWijzigUitkomst> WijzigAsync(ClientWijzigAanvraag aanvraag);

    /// <summary>
    /// Moves the client to another gemeente of the region (log first), then its trajecten; scope follows the client.
    /// </summary>
    [Alias("Verhuis")]
    Task<ClientWijzigUitkomst> VerhuisAsync(string naarGemeente, int verwachteVersie);

    /// <summary>
    /// Restricts the processing of the client's data (AVG art. 18) or lifts the restriction (log first); Ongewijzigd, and
    /// nothing recorded, when it already is so.
    /// </summary>
    [Alias("Beperk")]
    Task<ClientWijzigUitkomst> BeperkAsync(Verwerkingsbeperking beperking);

    /// <summary>Tells every traject of the client the client's gemeente (idempotent): how a move reaches the trajecten.</summary>
    [Alias("VolgGemeente")]
    Task VerhuisTrajectenAsync();

    /// <summary>
    /// Makes sure the client knows a traject that was opened for it (idempotent): how a traject whose opening reached the
    /// log, but not the client's record, is linked after all (from the read side).
    /// </summary>
    [Alias("KoppelTraject")]
    Task KoppelTrajectAsync(string trajectId, string? idempotencyKey);

    /// <summary>
    /// Destroys the client's personal data (confirmed by the privacy officer, see <see cref="IVernietigingGrain"/>): every
    /// later call about the client fails with <see cref="Privacy.PersoonsgegevensVernietigdException"/>. Idempotent.
    /// </summary>
    [Alias("Vernietig")]
    Task<Privacy.Vernietiging> VernietigAsync(string grondslag, string aangevraagdDoor, string bevestigdDoor);

    /// <summary>When the client's personal data was destroyed, or null.</summary>
    [Alias("VernietigdOp")]
    Task<DateTimeOffset?> VernietigdOpAsync();
}

/// <summary>
/// The two steps of destroying a person's personal data: the privacy officer asks, with a ground, and gets a confirmation
/// code; a confirmation with that code within <see cref="Privacy.Vernietigingsverzoek.Geldigheid"/> destroys
/// (<see cref="IClientGrain.VernietigAsync"/>). Key: the clientId.
/// </summary>
[Alias("trajecten.IVernietigingGrain")]
public interface IVernietigingGrain : IGrainWithStringKey
{
    /// <summary>A new request (replacing an open one): nothing is destroyed yet.</summary>
    [Alias("VraagAan")]
    Task<Privacy.Vernietigingsverzoek> VraagAanAsync(string grondslag, string door);

    /// <summary>Destroys, when the code is the open request's and it has not expired.</summary>
    [Alias("Bevestig")]
    Task<Privacy.VernietigingUitkomst> BevestigAsync(string code, string door);

    /// <summary>The open request, if any (without its code).</summary>
    [Alias("Lees")]
    Task<Privacy.Vernietigingsverzoek?> LeesAsync();
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
    Task<TrajectOverzicht?> LeesAsync();

    /// <summary>
    /// Forgets the traject's facts after the client's data was destroyed (its personal members are unreadable in the log
    /// already): the state keeps only that it was destroyed, deadlines stop, every later call fails as destroyed.
    /// </summary>
    [Alias("Vergeet")]
    Task VergeetAsync(DateTimeOffset op);

    /// <summary>
    /// Records a milestone if the state machine allows it; the same idempotency key with the same content
    /// returns the milestone recorded before. Stored before it is answered, then published.
    /// </summary>
    [Alias("RegistreerMijlpaal")]
    Task<MijlpaalUitkomst> RegistreerMijlpaalAsync(MijlpaalAanvraag aanvraag);

    /// <summary>
    /// Records a correction or withdrawal of a milestone as a new fact, if the corrected sequence is one the state
    /// machine allows; idempotent by key like a milestone.
    /// </summary>
    [Alias("Corrigeer")]
    Task<CorrectieUitkomst> CorrigeerAsync(CorrectieAanvraag aanvraag);

    /// <summary>Records the outcome of an aftercare check (only after uitstroom); idempotent by key.</summary>
    [Alias("LegNazorgVast")]
    Task<NazorgAntwoord> LegNazorgVastAsync(NazorgAanvraag aanvraag);

    /// <summary>Records that the periodic reassessment was done (while the traject runs); idempotent by key.</summary>
    [Alias("LegHerbeoordelingVast")]
    Task<HerbeoordelingAntwoord> LegHerbeoordelingVastAsync(HerbeoordelingAanvraag aanvraag);

    /// <summary>The client moved: the traject follows to <paramref name="gemeente"/> (a fact in its stream; a no-op when it is there).</summary>
    [Alias("Verhuis")]
    Task VerhuisAsync(string gemeente);
}

/// <summary>One employer. Key: <see cref="GrainSleutels.Werkgever"/> of the KvK-nummer.</summary>
[Alias("trajecten.IWerkgeverGrain")]
public interface IWerkgeverGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the employer; true when it was created.</summary>
    [Alias("Registreer")]
    Task<bool> RegistreerAsync(WerkgeverGegevens gegevens);

    /// <summary>The employer with its placements and vacancies, or null when unknown.</summary>
    [Alias("Get")]
    Task<WerkgeverOverzicht?> LeesAsync();

    /// <summary>Whether the employer is registered (cheap: no placements or vacancies are copied).</summary>
    [Alias("Bestaat")]
    Task<bool> BestaatAsync();

    /// <summary>Publishes a vacancy; null when the employer is unknown.</summary>
    /// <summary>Places a vacancy; with an idempotency key a retry finds the one placed before. Null when the employer is unknown.</summary>
    [Alias("PlaatsVacature")]
    Task<VacaturePlaatsing?> PlaatsVacatureAsync(VacatureAanvraag aanvraag, string? idempotencyKey);

    /// <summary>Records a placement, idempotent by milestone id; false when the employer is unknown.</summary>
    [Alias("RegistreerPlaatsing")]
    Task<bool> RegistreerPlaatsingAsync(Plaatsing plaatsing);
}

/// <summary>
/// Applies the retention rules (<c>Bewaartermijnen</c>) to the region: lists what has reached the end of its period and, in a
/// round, destroys it — whole files by their keys, single vroegsignalering signals by theirs, old access-log records —
/// with the ground <c>bewaartermijn-verstreken</c>. Daily by a reminder when configured, or when the privacy officer asks.
/// Key: <see cref="GrainSleutels.Bewaartermijnen"/>.
/// </summary>
[Alias("trajecten.IBewaartermijnGrain")]
public interface IBewaartermijnGrain : IGrainWithStringKey
{
    /// <summary>The dry run: what a round now would destroy. Destroys nothing.</summary>
    [Alias("Lijst")]
    Task<Privacy.Bewaarlijst> LijstAsync();

    /// <summary>A round, on behalf of <paramref name="door"/> (the officer, or the schedule).</summary>
    [Alias("VoerUit")]
    Task<Privacy.Bewaarronde> VoerUitAsync(string door);

    /// <summary>Registers the daily reminder when the schedule is on, removes it when off (at every silo start).</summary>
    [Alias("Plan")]
    Task PlanAsync();
}

/// <summary>
/// The register of other domains' signals about one person, content included. Key: the clientId the
/// person has or will have, so signals that arrive before registration are kept.
/// </summary>
[Alias("trajecten.ISignaalRegisterGrain")]
public interface ISignaalRegisterGrain : IGrainWithStringKey
{
    /// <summary>Stores the signal in the event log (idempotent by key); the klantbeeld learns from the log that it exists.</summary>
    [Alias("Ontvang")]
    Task<SignaalUitkomst> OntvangAsync(SignaalAanvraag aanvraag);

    /// <summary>Forgets every signal after the person's data was destroyed; later calls fail as destroyed.</summary>
    [Alias("Vergeet")]
    Task VergeetAsync(DateTimeOffset op);

    /// <summary>
    /// Destroys the signals whose own retention ended on or before <paramref name="vandaag"/> (the rules of
    /// <c>Bewaartermijnen</c>): each signal's key with the record of it, its personal members in this state; the file stays.
    /// Returns the ids destroyed now (a repeat destroys nothing again).
    /// </summary>
    [Alias("VernietigVerlopen")]
    Task<IReadOnlyList<string>> VernietigVerlopenAsync(DateOnly vandaag);

    /// <summary>The signals received, without their content (destroyed ones left out).</summary>
    [Alias("GetMeldingen")]
    Task<IReadOnlyList<SignaalMelding>> LeesMeldingenAsync();

    /// <summary>signaalId → content, for signals of these domains only (the caller has checked the reader's role).</summary>
    [Alias("GetInhoud")]
    Task<IReadOnlyDictionary<string, string>> LeesInhoudAsync(SignaalDomein[] domeinen);
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
    Task<AbonnementStand?> LeesAsync();

    /// <summary>Stops delivery and forgets the subscription.</summary>
    [Alias("Verwijder")]
    Task VerwijderAsync();

    /// <summary>Tries again now instead of waiting out the back-off; null when the subscription does not exist.</summary>
    [Alias("Opnieuw")]
    Task<AbonnementStand?> OpnieuwAsync();
}

/// <summary>The subscriptions of one owner (token subject). Key: the subject.</summary>
[Alias("trajecten.IAbonnementenRegisterGrain")]
public interface IAbonnementenRegisterGrain : IGrainWithStringKey
{
    /// <summary>Adds the id unless the owner holds as many subscriptions as <c>Grenzen:AbonnementenPerEigenaar</c> allows (false).</summary>
    [Alias("Reserveer")]
    Task<bool> ReserveerAsync(string abonnementId);

    [Alias("Verwijder")]
    Task VerwijderAsync(string abonnementId);

    [Alias("Lijst")]
    Task<IReadOnlyList<string>> LijstAsync();
}

/// <summary>
/// The integrated view of one client, a projection of the event log: built from the client, its trajecten and its signal
/// register on activation, then kept current by the projections. Key: the clientId.
/// </summary>
[Alias("trajecten.IKlantbeeldGrain")]
public interface IKlantbeeldGrain : IGrainWithStringKey
{
    /// <summary>A snapshot of the view with today's aandachtspunten, or null when the client is not registered.</summary>
    [Alias("Get")]
    Task<Klantbeeld?> LeesAsync();

    /// <summary>The traject's stream reached <paramref name="versie"/> facts: takes the traject anew unless it knows that much (idempotent).</summary>
    [Alias("VernieuwTraject")]
    Task VernieuwTrajectAsync(string trajectId, int versie);

    /// <summary>The client's stream reached <paramref name="versie"/> facts: takes the profile anew unless it knows that much.</summary>
    [Alias("VernieuwClient")]
    Task VernieuwClientAsync(int versie);

    /// <summary>Applies a signal notice (idempotent by signaalId).</summary>
    [Alias("PasSignaalToe")]
    Task PasSignaalToeAsync(SignaalMelding melding);

    /// <summary>Drops signals whose data was destroyed when their retention ended.</summary>
    [Alias("VergeetSignalen")]
    Task VergeetSignalenAsync(IReadOnlyList<string> signaalIds);
}

/// <summary>
/// Applies the event log to the projections for one partition of clients (<see cref="Partities"/>), each projection
/// from its own checkpoint, in log order. Key: the partition number.
/// </summary>
[Alias("trajecten.IProjectiePartitieGrain")]
public interface IProjectiePartitieGrain : IGrainWithIntegerKey
{
    /// <summary>Applies a bounded batch of new facts; returns how many facts it read (a full batch means: call again).</summary>
    [Alias("Tik")]
    Task<int> TikAsync();
}

/// <summary>
/// Which clients' processing is restricted (AVG art. 18): a view of the log, kept by the beperkingen projection, which the
/// feed, the event stream, the webhooks and the gemeente stream consult before they deliver anything about a client. One
/// activation in the cluster (key 0); the set is small.
/// </summary>
[Alias("trajecten.IBeperkingenGrain")]
public interface IBeperkingenGrain : IGrainWithIntegerKey
{
    /// <summary>Applies a restriction fact at its log position; an older or repeated position changes nothing.</summary>
    [Alias("Zet")]
    Task ZetAsync(string clientId, bool beperkt, long positie);

    /// <summary>The clients whose processing is restricted now.</summary>
    [Alias("Lees"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlySet<string>> LeesAsync();

    /// <summary>The log position of the last restriction fact applied for this client (0 for none).</summary>
    [Alias("Positie"), Orleans.Concurrency.ReadOnly]
    Task<long> PositieAsync(string clientId);
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

    /// <summary>The position of the last fact in the log: a cursor beyond it comes from before a database restore.</summary>
    [Alias("Kop")]
    Task<long> KopAsync();
}

/// <summary>
/// The management figures of the whole cluster, computed from the management read model (never from process memory), at
/// most once per <c>Kengetallen:Verversing</c>. One activation in the cluster (key <see cref="GrainSleutels.Kengetallen"/>): the
/// silo that hosts it is the one that reports the figures to Prometheus, so N silos never report them N times.
/// </summary>
[Alias("trajecten.IKengetallenGrain")]
public interface IKengetallenGrain : IGrainWithStringKey
{
    [Alias("Momentopname")]
    Task<KengetallenMomentopname> MomentopnameAsync();
}

/// <summary>The figures at one moment, and the silo (its parsable address) whose activation computed them.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.kengetallen-momentopname.v1")]
public sealed record KengetallenMomentopname(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTimeOffset BerekendOp,
    [property: Id(2)] IReadOnlyList<Leesmodel.Metriek> Metrieken,
    [property: Id(3)] double BerekenSeconden);
