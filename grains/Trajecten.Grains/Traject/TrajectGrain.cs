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
/// Owns one traject's milestones and deadlines. The domain decides (<see cref="TrajectBesluit"/>,
/// <see cref="TermijnRegels"/>); this grain loads, asks, appends to the event log, and only then publishes and
/// answers. Its grain state is a snapshot of the log (see <see cref="OnActivateAsync"/>).
/// Deadlines are reminders, so they fire after restarts and silo loss. Not reentrant: transitions never interleave.
/// </summary>
public sealed partial class TrajectGrain(
    [PersistentState("traject", StorageNames.Trajecten)] IPersistentState<TrajectState> state,
    TimeProvider clock,
    TrajectenMetrics metrics,
    IOptions<TermijnOpties> termijnOpties,
    IGebeurtenisLog gebeurtenissen,
    ILogger<TrajectGrain> logger) : Grain, ITrajectGrain, IRemindable
{
    private const string ReminderNaam = "termijnen";

    /// <summary>
    /// Reminders repeat until unregistered. The period bounds how late a deadline fires when no silo was up
    /// at its due time (Orleans skips a missed tick and fires on the next), and covers a failed unregister.
    /// </summary>
    private static readonly TimeSpan ReminderPeriode = TimeSpan.FromMinutes(10);

    private bool Bestaat => state.State.ClientId is not null;

    /// <summary>Milestones were logged since the grain state was last written.</summary>
    private bool _snapshotVerouderd;

    /// <summary>
    /// Catches up from the event log: a milestone that was logged but whose state write never happened
    /// (a crash in between) is taken into the state before anything else is decided.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Bestaat)
        {
            return;
        }

        var gemist = await gebeurtenissen.TrajectAsync(this.GetPrimaryKeyString(), state.State.Mijlpalen.Count);
        if (gemist.Count > 0)
        {
            foreach (var mijlpaal in gemist)
            {
                Neem(mijlpaal);
            }

            await state.WriteStateAsync();
            LogIngehaald(logger, this.GetPrimaryKeyString(), gemist.Count);
            await PlanReminderAsync(vorigeVroegste: null); // the crash may have come before the reminder was moved
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.SchrijfMomentopnameAsync(_snapshotVerouderd, logger, "Traject", cancellationToken);

    public async Task<TrajectOverzicht> MeldAanAsync(TrajectAanmelding aanmelding)
    {
        if (Bestaat)
        {
            if (state.State.ClientId != aanmelding.ClientId)
            {
                throw new InvalidOperationException("Dit traject hoort al bij een andere cliënt.");
            }

            return Overzicht();
        }

        state.State.ClientId = aanmelding.ClientId;
        state.State.Gemeente = aanmelding.Gemeente;
        state.State.Soort = aanmelding.Soort;
        state.State.AangemeldOp = clock.GetUtcNow();
        await state.SchrijfOfHerstelAsync(() => state.State.ClientId = null, DeactivateOnIdle);

        metrics.TrajectGestart(state.State.Gemeente, TrajectCodes.Soort.Code(state.State.Soort));
        await PublishAsync(mijlpaal: null);
        return Overzicht();
    }

    /// <summary>Takes a logged milestone into the state, with the deadlines it sets or ends.</summary>
    private void Neem(Mijlpaal mijlpaal)
    {
        state.State.Mijlpalen.Add(mijlpaal);
        state.State.Termijnen = TermijnRegels.NaMijlpaal(state.State.Termijnen, mijlpaal, termijnOpties.Value).ToList();
    }

    public Task<TrajectOverzicht?> GetAsync() => Task.FromResult(Bestaat ? Overzicht() : null);

    public async Task<MijlpaalUitkomst> RegistreerMijlpaalAsync(MijlpaalAanvraag aanvraag)
    {
        if (!Bestaat)
        {
            return MijlpaalUitkomst.Onbekend();
        }

        var uitkomst = TrajectBesluit.Beslis(state.State.Mijlpalen, aanvraag, Ids.Nieuw(Ids.MijlpaalPrefix), clock.GetUtcNow());
        if (uitkomst is not { Status: MijlpaalStatus.Geregistreerd, Mijlpaal: { } mijlpaal })
        {
            return uitkomst;
        }

        var werkgever = mijlpaal.Details.KvkNummer is { } kvk
            ? GrainFactory.GetGrain<IWerkgeverGrain>(GrainKeys.Werkgever(kvk))
            : null;
        if (werkgever is not null && !await werkgever.BestaatAsync())
        {
            return MijlpaalUitkomst.Ongeldig([Probleem.Ongeldig("kvkNummer",
                $"Er is geen werkgever met kvkNummer {mijlpaal.Details.KvkNummer} geregistreerd; registreer die eerst.")]);
        }

        // The log first: once the fact is there, it is durable, whatever happens to the grain state write.
        await StateExtensions.VoegToeAanLogAsync(
            () => gebeurtenissen.VoegToeAsync(this.GetPrimaryKeyString(), state.State.ClientId!, state.State.Gemeente, state.State.Soort, mijlpaal),
            DeactivateOnIdle, "Dit traject");

        // The log is the fact; the grain state is a snapshot of it, written when the grain deactivates or a
        // deadline fires, and caught up from the log on activation. One durable write per milestone, not two.
        var vorigeVroegste = TermijnRegels.EerstVolgende(state.State.Termijnen, TrajectRegels.Fase(state.State.Mijlpalen));
        Neem(mijlpaal);
        _snapshotVerouderd = true;

        // The fact is stored: from here on the answer is "recorded", whatever happens to the side effects.
        var soort = TrajectCodes.Mijlpaal.Code(mijlpaal.Soort);
        metrics.MijlpaalGeregistreerd(soort, state.State.Gemeente);
        if (TrajectRegels.IsAfgesloten(TrajectRegels.FaseNa(mijlpaal.Soort)))
        {
            var afloop = mijlpaal.Details.UitstroomReden is { } reden
                ? "uitstroom-" + TrajectCodes.UitstroomReden.Code(reden)
                : "beeindigd";
            metrics.TrajectAfgesloten(state.State.Gemeente, TrajectCodes.Soort.Code(state.State.Soort), afloop);
        }

        await PublishAsync(mijlpaal);
        await PlanReminderAsync(vorigeVroegste);
        if (werkgever is not null)
        {
            await MeldPlaatsingAsync(werkgever, mijlpaal, soort);
        }

        return uitkomst;
    }

    /// <summary>
    /// The traject's one reminder: every deadline that is due now falls due (once), is counted and told to the
    /// klantbeeld; then the reminder moves to the next pending deadline. (Reminders named per deadline, from
    /// before there was one per traject, are stopped and handled the same way.)
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderNaam)
        {
            await StopReminderAsync(reminderName);
        }

        var fase = TrajectRegels.Fase(state.State.Mijlpalen);
        var vorige = state.State.Termijnen;
        var (termijnen, verstreken) = TermijnRegels.Verstrijk(vorige, fase, clock.GetUtcNow(), termijnOpties.Value);
        if (verstreken.Count > 0)
        {
            state.State.Termijnen = [.. termijnen];
            await state.SchrijfOfHerstelAsync(() => state.State.Termijnen = vorige, DeactivateOnIdle);
            _snapshotVerouderd = false;
            foreach (var termijn in verstreken)
            {
                metrics.TermijnVerstreken(TermijnRegels.Codes.Code(termijn.Soort), state.State.Gemeente);
            }

            await PublishAsync(mijlpaal: null);
        }

        await PlanReminderAsync(vorigeVroegste: null);
    }

    /// <summary>
    /// One reminder per traject, due at its next pending deadline: registered or moved only when that moment
    /// changes (most milestones change nothing), stopped when nothing is pending.
    /// </summary>
    private async Task PlanReminderAsync(DateTimeOffset? vorigeVroegste)
    {
        var vroegste = TermijnRegels.EerstVolgende(state.State.Termijnen, TrajectRegels.Fase(state.State.Mijlpalen));
        if (vroegste == vorigeVroegste && vorigeVroegste is not null)
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
            else if (vorigeVroegste is not null || state.State.Termijnen.Count > 0)
            {
                await StopReminderAsync(ReminderNaam);
            }
        }
        catch (Exception ex)
        {
            // The deadline is stored; the klantbeeld still derives it on read. Only the push is missing.
            LogReminderMislukt(logger, ex, this.GetPrimaryKeyString());
        }
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
        TrajectId = this.GetPrimaryKeyString(),
        ClientId = state.State.ClientId!,
        Gemeente = state.State.Gemeente,
        Soort = state.State.Soort,
        AangemeldOp = state.State.AangemeldOp,
        Mijlpalen = state.State.Mijlpalen.ToArray(),
        Termijnen = state.State.Termijnen.ToArray(),
    };

    private async Task PublishAsync(Mijlpaal? mijlpaal)
    {
        try
        {
            await this.ClientStream<TrajectGebeurtenis>(StreamNames.TrajectGebeurtenissen, state.State.ClientId!)
                .OnNextAsync(new TrajectGebeurtenis
                {
                    TrajectId = this.GetPrimaryKeyString(),
                    ClientId = state.State.ClientId!,
                    Gemeente = state.State.Gemeente,
                    Soort = state.State.Soort,
                    AangemeldOp = state.State.AangemeldOp,
                    Mijlpaal = mijlpaal,
                    Termijnen = state.State.Termijnen.ToArray(),
                    AantalMijlpalen = state.State.Mijlpalen.Count,
                });
        }
        catch (Exception ex)
        {
            // Stored but not delivered: the klantbeeld repairs the gap from this grain on the next milestone.
            LogPublicatieMislukt(logger, ex, this.GetPrimaryKeyString(), mijlpaal?.Volgnummer ?? 0);
        }
    }

    private async Task MeldPlaatsingAsync(IWerkgeverGrain werkgever, Mijlpaal mijlpaal, string soort)
    {
        try
        {
            await werkgever.RegistreerPlaatsingAsync(new Plaatsing
            {
                TrajectId = this.GetPrimaryKeyString(),
                MijlpaalId = mijlpaal.MijlpaalId,
                Soort = soort,
                Datum = mijlpaal.Datum,
            });
        }
        catch (Exception ex)
        {
            LogPlaatsingMislukt(logger, ex, this.GetPrimaryKeyString(), mijlpaal.MijlpaalId);
        }
    }

    [LoggerMessage(LogLevel.Error, "Traject {TrajectId}: gebeurtenis {Volgnummer} opgeslagen maar niet gepubliceerd")]
    private static partial void LogPublicatieMislukt(ILogger logger, Exception ex, string trajectId, int volgnummer);

    [LoggerMessage(LogLevel.Warning, "Traject {TrajectId}: {Aantal} mijlpaal/mijlpalen uit het gebeurtenissenlog ingehaald")]
    private static partial void LogIngehaald(ILogger logger, string trajectId, int aantal);

    [LoggerMessage(LogLevel.Error, "Traject {TrajectId}: termijn opgeslagen maar reminder niet gepland")]
    private static partial void LogReminderMislukt(ILogger logger, Exception ex, string trajectId);

    [LoggerMessage(LogLevel.Error, "Traject {TrajectId}: plaatsing {MijlpaalId} opgeslagen maar niet bij de werkgever gemeld")]
    private static partial void LogPlaatsingMislukt(ILogger logger, Exception ex, string trajectId, string mijlpaalId);
}
