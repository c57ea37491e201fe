using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Traject;

/// <summary>
/// Owns one traject's stream of facts: opened, milestones, corrections and withdrawals, deadlines that fell due,
/// aftercare outcomes, moves. The domain decides (<see cref="TrajectBesluit"/>, <see cref="CorrectieBesluit"/>,
/// <see cref="NazorgBesluit"/>) and computes the view (<see cref="TrajectBeeld"/>); this grain loads, asks, appends to the
/// event log and only then answers. Everything that reacts to a fact (klantbeeld, employer, caseload) does so from the
/// log, through the projections. Its grain state is a snapshot of the log (see <see cref="OnActivateAsync"/>).
/// Deadlines are reminders, so they fire after restarts and silo loss. Not reentrant: transitions never interleave.
/// </summary>
public sealed partial class TrajectGrain(
    [PersistentState("traject", OpslagNamen.Trajecten)] IPersistentState<TrajectState> state,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock,
    IOptions<TermijnOpties> termijnOpties,
    IGebeurtenisLog gebeurtenissen,
    Momentopnamen momentopnamen,
    ILogger<TrajectGrain> logger) : Grain, ITrajectGrain, IRemindable
{
    public const string ReminderNaam = "termijnen";

    /// <summary>
    /// Reminders repeat until unregistered. The period bounds how late a deadline fires when no silo was up
    /// at its due time (Orleans skips a missed tick and fires on the next), and covers a failed unregister.
    /// </summary>
    private static readonly TimeSpan ReminderPeriode = TimeSpan.FromMinutes(10);

    private bool Bestaat => state.State.ClientId is not null;

    /// <summary>Facts were logged since the grain state was last written.</summary>
    private bool _snapshotVerouderd;

    /// <summary>The view the pure rules compute from the facts; recomputed after every new fact.</summary>
    private TrajectBeeld _beeld = TrajectBeeld.Bouw([], new TermijnOpties());

    private string TrajectId => this.GetPrimaryKeyString();
    private string Gemeente => _beeld.Gemeente ?? state.State.Gemeente;

    /// <summary>
    /// Catches up from the event log: a fact that was logged but whose snapshot write never happened (a crash in between)
    /// is taken in before anything else is decided. A snapshot from before the traject kept all its facts is read as the
    /// milestones it holds (their volgnummers were the stream's). A traject whose opening is in the log but whose state was
    /// never written (the grain stopped in between, or another activation is still writing it) is taken from the log; its
    /// snapshot is left to the next write, so it never overwrites the opener's.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.VernietigdOp is not null)
        {
            return;
        }

        var vanafLog = false;
        if (!Bestaat)
        {
            var begin = await gebeurtenissen.StroomAsync(Stromen.Traject(TrajectId), 0);
            if (begin.FirstOrDefault() is not { Gegevens: TrajectGeopend geopend })
            {
                return;
            }

            state.State.ClientId = geopend.ClientId;
            state.State.Gemeente = geopend.Gemeente;
            state.State.Soort = geopend.Soort;
            state.State.AangemeldOp = geopend.AangemeldOp;
            vanafLog = true;
        }

        if (state.State.Feiten.Count == 0 && state.State.Mijlpalen.Count > 0)
        {
            state.State.Feiten = state.State.Mijlpalen.Select(m => new TrajectFeit { Volgnummer = m.Volgnummer, Mijlpaal = m }).ToList();
        }

        var gemist = await gebeurtenissen.StroomAsync(Stromen.Traject(TrajectId), state.State.Feiten.Count);
        state.State.Feiten.AddRange(gemist.Select(f => f.AlsTrajectFeit).OfType<TrajectFeit>());
        Herbereken();
        if (vanafLog)
        {
            _snapshotVerouderd = true;
            LogIngehaald(logger, TrajectId, gemist.Count);
        }
        else if (gemist.Count > 0)
        {
            await state.WriteStateAsync();
            LogIngehaald(logger, TrajectId, gemist.Count);
        }

        // A crash, or a failed registration, may have left the reminder behind the deadlines: plan it when it differs.
        await PlanReminderAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.SchrijfMomentopnameAsync(momentopnamen.Schrijven(_snapshotVerouderd), logger, "Traject", cancellationToken);

    public async Task VergeetAsync(DateTimeOffset op)
    {
        if (state.State.VernietigdOp is not null)
        {
            return;
        }

        await StopReminderAsync(ReminderNaam);
        (state.State.Feiten, state.State.Mijlpalen, state.State.Termijnen, state.State.Herinnering) = ([], [], [], null);
        state.State.VernietigdOp = op;
        await state.WriteStateAsync();
        _snapshotVerouderd = false;
        Herbereken();
    }

    /// <summary>Every call about a traject whose client's data was destroyed: 410 Gone at the API.</summary>
    private void WeigerAlsVernietigd()
    {
        if (state.State.VernietigdOp is { } op)
        {
            throw new Abstractions.Privacy.PersoonsgegevensVernietigdException(state.State.ClientId ?? TrajectId, op);
        }
    }

    public async Task<TrajectOverzicht> MeldAanAsync(TrajectAanmelding aanmelding)
    {
        WeigerAlsVernietigd();
        if (Bestaat)
        {
            if (state.State.ClientId != aanmelding.ClientId)
            {
                throw new InvalidOperationException("Dit traject hoort al bij een andere cliënt.");
            }

            return Overzicht();
        }

        var geopend = new TrajectGeopend
        {
            ClientId = aanmelding.ClientId,
            Gemeente = aanmelding.Gemeente,
            Soort = aanmelding.Soort,
            AangemeldOp = aanmelding.AanmeldDatum is { } datum ? new DateTimeOffset(datum.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : clock.GetUtcNow(),
            IdempotencyKey = aanmelding.IdempotencyKey,
        };
        await StateExtensions.VoegToeAanLogAsync(() => gebeurtenissen.VoegToeAsync(new NieuwFeit(
            Stromen.Traject(TrajectId), 1, TrajectId, aanmelding.ClientId, aanmelding.Gemeente, aanmelding.Soort, geopend, geopend.AangemeldOp)),
            DeactivateOnIdle, "Dit traject");

        state.State.ClientId = aanmelding.ClientId;
        state.State.Gemeente = aanmelding.Gemeente;
        state.State.Soort = aanmelding.Soort;
        state.State.AangemeldOp = geopend.AangemeldOp;
        state.State.Feiten = [new TrajectFeit { Volgnummer = 1, Geopend = geopend }];
        await state.SchrijfOfHerstelAsync(() => state.State.ClientId = null, DeactivateOnIdle);
        Herbereken();

        return Overzicht();
    }

    public Task<TrajectOverzicht?> LeesAsync()
    {
        WeigerAlsVernietigd();
        return Task.FromResult(Bestaat ? Overzicht() : null);
    }

    public async Task<MijlpaalUitkomst> RegistreerMijlpaalAsync(MijlpaalAanvraag aanvraag)
    {
        WeigerAlsVernietigd();
        if (!Bestaat)
        {
            return MijlpaalUitkomst.Onbekend();
        }

        var uitkomst = TrajectBesluit.Beslis(_beeld.Geregistreerd, aanvraag, Ids.Nieuw(Ids.MijlpaalPrefix), clock.GetUtcNow(), _beeld.Mijlpalen);
        if (uitkomst is not { Status: MijlpaalStatus.Geregistreerd, Mijlpaal: { } mijlpaal })
        {
            return uitkomst;
        }

        if (await WerkgeverOnbekendAsync(mijlpaal.Details.KvkNummer) is { } probleem)
        {
            return MijlpaalUitkomst.Ongeldig([probleem]);
        }

        await NeemOpAsync(mijlpaal.MijlpaalId, mijlpaal, mijlpaal.GeregistreerdOp);

        // The fact is stored: from here on the answer is "recorded", whatever happens to the side effects.
        await PlanReminderAsync();
        return uitkomst;
    }

    public async Task<CorrectieUitkomst> CorrigeerAsync(CorrectieAanvraag aanvraag)
    {
        WeigerAlsVernietigd();
        if (!Bestaat)
        {
            return new CorrectieUitkomst { Status = CorrectieStatus.Onbekend, Reden = "Dit traject bestaat niet." };
        }

        var uitkomst = CorrectieBesluit.Beslis(state.State.Feiten, aanvraag, Ids.Nieuw(Ids.CorrectiePrefix), clock.GetUtcNow(), termijnOpties.Value);
        if (uitkomst is not { Status: CorrectieStatus.Geregistreerd, Correctie: { } correctie })
        {
            return uitkomst;
        }

        var kvk = correctie.Details?.KvkNummer;
        if (kvk is not null && kvk != _beeld.Mijlpalen.First(m => m.MijlpaalId == correctie.MijlpaalId).Details.KvkNummer
            && await WerkgeverOnbekendAsync(kvk) is { } probleem)
        {
            return CorrectieUitkomst.Ongeldig(probleem with { Veld = "details.kvkNummer" });
        }

        await NeemOpAsync(correctie.CorrectieId, correctie, correctie.GeregistreerdOp);
        await PlanReminderAsync();
        return uitkomst;
    }

    public async Task<NazorgAntwoord> LegNazorgVastAsync(NazorgAanvraag aanvraag)
    {
        WeigerAlsVernietigd();
        if (!Bestaat)
        {
            return new NazorgAntwoord { Status = VastleggingStatus.Onbekend, Reden = "Dit traject bestaat niet." };
        }

        var (nazorg, herhaald, weigering) = NazorgBesluit.Beslis(_beeld, aanvraag, Ids.Nieuw(Ids.NazorgPrefix), clock.GetUtcNow(), termijnOpties.Value);
        if (nazorg is null)
        {
            return new NazorgAntwoord { Status = VastleggingStatus.Geweigerd, Reden = weigering };
        }

        if (herhaald)
        {
            return new NazorgAntwoord { Status = VastleggingStatus.Herhaald, Nazorg = nazorg };
        }

        await NeemOpAsync(nazorg.NazorgId, nazorg, nazorg.GeregistreerdOp);
        await PlanReminderAsync();
        return new NazorgAntwoord { Status = VastleggingStatus.Geregistreerd, Nazorg = nazorg };
    }

    public async Task<HerbeoordelingAntwoord> LegHerbeoordelingVastAsync(HerbeoordelingAanvraag aanvraag)
    {
        WeigerAlsVernietigd();
        if (!Bestaat)
        {
            return new HerbeoordelingAntwoord { Status = VastleggingStatus.Onbekend, Reden = "Dit traject bestaat niet." };
        }

        var (herbeoordeling, herhaald, weigering) = HerbeoordelingBesluit.Beslis(_beeld, aanvraag, Ids.Nieuw(Ids.HerbeoordelingPrefix), clock.GetUtcNow());
        if (herbeoordeling is null)
        {
            return new HerbeoordelingAntwoord { Status = VastleggingStatus.Geweigerd, Reden = weigering };
        }

        if (herhaald)
        {
            return new HerbeoordelingAntwoord { Status = VastleggingStatus.Herhaald, Herbeoordeling = herbeoordeling };
        }

        await NeemOpAsync(herbeoordeling.HerbeoordelingId, herbeoordeling, herbeoordeling.GeregistreerdOp);
        await PlanReminderAsync();
        return new HerbeoordelingAntwoord { Status = VastleggingStatus.Geregistreerd, Herbeoordeling = herbeoordeling };
    }

    public async Task VerhuisAsync(string gemeente)
    {
        if (!Bestaat || Gemeente == gemeente || state.State.VernietigdOp is not null)
        {
            return;
        }

        var wissel = new GemeenteWissel { Van = Gemeente, Naar = gemeente, Op = clock.GetUtcNow() };
        await NeemOpAsync($"verhuisd-{state.State.Feiten.Count + 1}", wissel, wissel.Op, gemeente);
    }

    /// <summary>
    /// Appends a fact to the traject's stream (the log first: once it is there it is durable, whatever happens to the
    /// grain state), takes it into the state and recomputes the view. The grain state is a snapshot, written when the
    /// grain deactivates or a deadline fires, and caught up from the log on activation: one durable write per fact.
    /// </summary>
    private async Task NeemOpAsync(string feitId, object gegevens, DateTimeOffset op, string? gemeente = null)
    {
        var volgnummer = state.State.Feiten.Count + 1;
        var opgeslagen = await StateExtensions.VoegToeAanLogAsync(() => gebeurtenissen.VoegToeAsync(new NieuwFeit(
                Stromen.Traject(TrajectId), volgnummer, feitId, state.State.ClientId!, gemeente ?? Gemeente, state.State.Soort, gegevens, op)),
            DeactivateOnIdle, "Dit traject");
        state.State.Feiten.Add(opgeslagen.AlsTrajectFeit!);
        _snapshotVerouderd = true;
        Herbereken();
    }

    private void Herbereken() => _beeld = TrajectBeeld.Bouw(state.State.Feiten, termijnOpties.Value);

    private async Task<Probleem?> WerkgeverOnbekendAsync(string? kvk) =>
        kvk is not null && !await GrainFactory.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvk)).BestaatAsync()
            ? Probleem.Ongeldig("kvkNummer", $"Er is geen werkgever met kvkNummer {kvk} geregistreerd; registreer die eerst.")
            : null;

    /// <summary>
    /// The traject's one reminder: every deadline that is due now falls due (once) as a fact in the log, and is counted;
    /// then the reminder moves to the next pending deadline. (Reminders named per deadline, from before there was one
    /// per traject, are stopped and handled the same way.)
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.VernietigdOp is not null)
        {
            await StopReminderAsync(reminderName);
            return;
        }

        if (reminderName != ReminderNaam)
        {
            await StopReminderAsync(reminderName);
        }

        var nu = clock.GetUtcNow();
        var (_, verstreken) = TermijnRegels.Verstrijk(_beeld.Termijnen, _beeld.Fase, nu, termijnOpties.Value);
        foreach (var termijn in verstreken)
        {
            var code = TermijnRegels.Codes.Code(termijn.Soort);
            await NeemOpAsync($"{code}-{termijn.Vervaltijd.UtcTicks}", termijn with { VerstrekenOp = nu }, nu);
        }

        if (verstreken.Count > 0)
        {
            await state.WriteStateAsync();
            _snapshotVerouderd = false;
        }

        await PlanReminderAsync(opnieuw: true); // it fired: move it to the next deadline, or stop it
    }

    /// <summary>
    /// One reminder per traject, due at its next pending deadline: registered, moved or stopped when that moment differs
    /// from the one registered (most milestones change nothing), or <paramref name="opnieuw"/> after it fired. The registered
    /// moment is kept only once registering succeeded, so a failure (a database blip) is retried at the next fact or the
    /// next activation, instead of leaving the traject without a reminder.
    /// </summary>
    private async Task PlanReminderAsync(bool opnieuw = false)
    {
        var vroegste = TermijnRegels.EerstVolgende(_beeld.Termijnen, _beeld.Fase);
        if (!opnieuw && state.State.HerinneringBekend && vroegste == state.State.Herinnering)
        {
            return;
        }

        try
        {
            if (vroegste is { } moment)
            {
                var wacht = moment - clock.GetUtcNow();
                await this.RegisterOrUpdateReminder(ReminderNaam, wacht < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wacht, ReminderPeriode);
            }
            else
            {
                await StopReminderAsync(ReminderNaam);
            }

            (state.State.Herinnering, state.State.HerinneringBekend) = (vroegste, true);
        }
        catch (Exception ex)
        {
            // The deadline is stored; the klantbeeld still derives it on read. Only the push is missing, until the retry.
            state.State.HerinneringBekend = false;
            LogReminderMislukt(logger, ex, TrajectId);
        }

        _snapshotVerouderd = true;
    }

    private async Task StopReminderAsync(string naam)
    {
        if (await this.GetReminder(naam) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private TrajectOverzicht Overzicht() => new()
    {
        TrajectId = TrajectId,
        ClientId = state.State.ClientId!,
        Gemeente = Gemeente,
        Soort = state.State.Soort,
        AangemeldOp = state.State.AangemeldOp,
        Mijlpalen = _beeld.Mijlpalen,
        Termijnen = _beeld.Termijnen,
        Versie = state.State.Feiten.Count,
        Correcties = _beeld.Correcties,
        Nazorg = _beeld.Nazorg,
        Herbeoordelingen = _beeld.Herbeoordelingen,
        Geregistreerd = _beeld.Geregistreerd,
    };

    [LoggerMessage(LogLevel.Warning, "Traject {TrajectId}: {Aantal} feit(en) uit het gebeurtenissenlog ingehaald")]
    private static partial void LogIngehaald(ILogger logger, string trajectId, int aantal);

    [LoggerMessage(LogLevel.Error, "Traject {TrajectId}: termijn opgeslagen maar reminder niet gepland")]
    private static partial void LogReminderMislukt(ILogger logger, Exception ex, string trajectId);
}
