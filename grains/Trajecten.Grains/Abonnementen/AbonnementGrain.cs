using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Publicatie;

namespace Trajecten.Grains.Abonnementen;

[GenerateSerializer, Alias("trajecten.abonnement-state.v1")]
public sealed class AbonnementState
{
    [Id(0)] public AbonnementStand? Stand { get; set; }
}

/// <summary>
/// Delivers the event log to one webhook, in position order, from a persisted cursor, each notification signed with
/// the subscription's secret. A failure leaves the cursor where it is and waits (doubling, capped) before retrying;
/// after <see cref="AbonnementOpties.FalendNa"/> consecutive failures the subscription is marked failing until a delivery
/// succeeds (each change logged once, not every retry). A receiver that answers 410 Gone ends the subscription. A
/// reminder keeps the subscription alive across restarts; a grain timer does the work while it is active.
/// <para>
/// The grain is reentrant and its timer interleaves: while a delivery waits for a slow receiver, its owner still reads,
/// retries or deletes the subscription at once. Every state write goes through <see cref="SchrijfAsync"/>, one at a time;
/// a delivery re-reads the stand after each await, and stops as soon as the subscription was deleted.
/// </para>
/// </summary>
[Reentrant]
public sealed partial class AbonnementGrain(
    [PersistentState("abonnement", OpslagNamen.Trajecten)] IPersistentState<AbonnementState> state,
    IGebeurtenisLog log,
    WebhookAfleveraar afleveraar,
    IOptions<AbonnementOpties> opties,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock,
    TrajectenMetrics metrics,
    ILogger<AbonnementGrain> logger) : Grain, IAbonnementGrain, IRemindable
{
    private const string Wekker = "abonnement-bezorgen";
    private const int Pagina = 100;

    /// <summary>Why a subscription without a base for absolute links delivers nothing (shown as its last error).</summary>
    public const string GeenBasisUrl = "Geen publieke basis-URL voor absolute links: stel Abonnementen:PubliekeBasisUrl in.";

    /// <summary>How long one timer turn may deliver before it yields (the next tick continues).</summary>
    private static readonly TimeSpan MaxBeurt = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _schrijven = new(1, 1);
    private IGrainTimer? _timer;
    private bool _verwijderd;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Stand is { BeeindigdOp: null })
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<AbonnementStand> MaakAsync(AbonnementGegevens gegevens, long vanaf)
    {
        if (state.State.Stand is { } bestaand)
        {
            return bestaand;
        }

        var stand = new AbonnementStand
        {
            AbonnementId = this.GetPrimaryKeyString(), Gegevens = gegevens, Cursor = vanaf, Falend = false, OpeenvolgendeFouten = 0,
            AangemaaktOp = clock.GetUtcNow(),
        };
        await BewaarAsync(_ => stand);
        await this.RegisterOrUpdateReminder(Wekker, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
        return stand;
    }

    public Task<AbonnementStand?> LeesAsync() => Task.FromResult(_verwijderd ? null : state.State.Stand);

    public async Task<AbonnementStand?> OpnieuwAsync()
    {
        await BewaarAsync(stand => stand is { VolgendePoging: not null, BeeindigdOp: null } ? stand with { VolgendePoging = null } : stand);
        return _verwijderd ? null : state.State.Stand;
    }

    public async Task VerwijderAsync()
    {
        if (_verwijderd)
        {
            return;
        }

        // From here on a delivery in flight stops at its next step and writes nothing.
        _verwijderd = true;
        _timer?.Dispose();
        _timer = null;
        await _schrijven.WaitAsync();
        try
        {
            if (state.State.Stand is { Falend: true })
            {
                metrics.AbonnementFalend(-1);
            }

            state.State.Stand = null;
            await state.ClearStateAsync();
        }
        finally
        {
            _schrijven.Release();
        }

        if (await this.GetReminder(Wekker) is { } wekker)
        {
            await this.UnregisterReminder(wekker);
        }

        DeactivateOnIdle();
    }

    /// <summary>The reminder only wakes the grain (after a restart); the timer does the delivering.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private void StartTimer() => _timer ??= this.RegisterGrainTimer(BezorgAsync, new GrainTimerCreationOptions
    {
        DueTime = TimeSpan.Zero, Period = opties.Value.Peilinterval, Interleave = true, KeepAlive = true,
    });

    /// <summary>Changes the stand and stores it, one write at a time; nothing once the subscription was deleted.</summary>
    private async Task BewaarAsync(Func<AbonnementStand?, AbonnementStand?> wijzig)
    {
        var nieuw = wijzig(state.State.Stand);
        if (!_verwijderd && !ReferenceEquals(nieuw, state.State.Stand))
        {
            state.State.Stand = nieuw;
            await SchrijfAsync();
        }
    }

    /// <summary>Stores the stand as it is now; one write at a time, so writes of interleaved calls never overlap.</summary>
    private async Task SchrijfAsync()
    {
        await _schrijven.WaitAsync();
        try
        {
            if (!_verwijderd)
            {
                await state.WriteStateAsync();
            }
        }
        finally
        {
            _schrijven.Release();
        }
    }

    private async Task BezorgAsync(CancellationToken ct)
    {
        if (_verwijderd || state.State.Stand is not { BeeindigdOp: null } begin || clock.GetUtcNow() < begin.VolgendePoging)
        {
            return;
        }

        // Pages of facts until the subscriber is up to date, a delivery fails, or this turn has taken long enough; the
        // stand is stored after each page. Other calls run while this one waits for the receiver.
        var basis = (string.IsNullOrEmpty(opties.Value.PubliekeBasisUrl) ? begin.Gegevens.BasisUrl : opties.Value.PubliekeBasisUrl)?.TrimEnd('/');
        if (string.IsNullOrEmpty(basis))
        {
            // Links must be absolute (a receiver calls them back); without a base nothing is sent until one is configured.
            if (begin.LaatsteFout != GeenBasisUrl)
            {
                LogGeenBasisUrl(logger, begin.AbonnementId);
                await BewaarAsync(stand => stand is null ? null : stand with { LaatsteFout = GeenBasisUrl });
            }

            return;
        }

        var beurt = System.Diagnostics.Stopwatch.StartNew();
        while (!_verwijderd && state.State.Stand is { BeeindigdOp: null } stand)
        {
            // Nothing about a client whose processing is restricted (AVG art. 18) is delivered; the cursor moves past it.
            var beperkt = await GrainFactory.GetGrain<IBeperkingenGrain>(0).LeesAsync();
            var feiten = await log.LeesAsync(stand.Cursor, Pagina, stand.Gegevens.Filter with { ZonderClienten = beperkt }, ct);
            var verder = true;
            foreach (var feit in feiten)
            {
                var publicatie = GebeurtenisTypen.Publiceer(feit);
                if (publicatie is null)
                {
                    // Written by a newer version: never skipped; a silo that can read it delivers it.
                    state.State.Stand = Mislukt(state.State.Stand!, $"Het feit op positie {feit.Positie} ({feit.Type}) kan deze versie niet lezen.");
                    verder = false;
                    break;
                }

                if (publicatie.Webhook is not { } melding)
                {
                    state.State.Stand = state.State.Stand! with { Cursor = feit.Positie }; // a type webhooks do not carry
                    continue;
                }

                var aflevering = await afleveraar.StuurAsync(stand.Gegevens.CallbackUrl, stand.Gegevens.Auth, Notificatie(publicatie, melding, basis),
                    opties.Value.Timeout, publicatie.Id, stand.Gegevens.Geheim);
                if (_verwijderd || state.State.Stand is null)
                {
                    return;
                }

                if (aflevering.Status == 410)
                {
                    state.State.Stand = Beeindigd(state.State.Stand);
                    verder = false;
                    break;
                }

                state.State.Stand = aflevering.Fout is null ? Geslaagd(state.State.Stand, feit.Positie) : Mislukt(state.State.Stand, aflevering.Fout);
                if (aflevering.Fout is not null)
                {
                    verder = false;
                    break;
                }
            }

            if (!ReferenceEquals(state.State.Stand, stand))
            {
                await SchrijfAsync();
            }
            if (!verder || feiten.Count < Pagina || beurt.Elapsed > MaxBeurt)
            {
                break;
            }
        }

        if (!_verwijderd && state.State.Stand is { BeeindigdOp: not null } && await this.GetReminder(Wekker) is { } wekker)
        {
            await this.UnregisterReminder(wekker);
        }
    }

    private AbonnementStand Geslaagd(AbonnementStand stand, long positie)
    {
        if (stand.Falend)
        {
            metrics.AbonnementFalend(-1);
            LogHersteld(logger, stand.AbonnementId, stand.OpeenvolgendeFouten);
        }

        return stand with
        {
            Cursor = positie, Falend = false, OpeenvolgendeFouten = 0, LaatsteFout = null, LaatsteAflevering = clock.GetUtcNow(), VolgendePoging = null,
        };
    }

    private AbonnementStand Mislukt(AbonnementStand stand, string fout)
    {
        var fouten = stand.OpeenvolgendeFouten + 1;
        var wacht = TimeSpan.FromTicks(Math.Min(opties.Value.MaxWachttijd.Ticks,
            opties.Value.BasisWachttijd.Ticks * (1L << Math.Min(fouten - 1, 30))));
        metrics.AfleveringMislukt();
        var falend = fouten >= opties.Value.FalendNa;
        if (falend && !stand.Falend)
        {
            metrics.AbonnementFalend(+1);
            LogFalend(logger, stand.AbonnementId, fouten, fout);
        }

        return stand with { OpeenvolgendeFouten = fouten, Falend = falend, LaatsteFout = fout, VolgendePoging = clock.GetUtcNow() + wacht };
    }

    /// <summary>410 Gone: the receiver says the subscription is no longer wanted. Delivery stops; the owner still sees why.</summary>
    private AbonnementStand Beeindigd(AbonnementStand stand)
    {
        if (stand.Falend)
        {
            metrics.AbonnementFalend(-1);
        }

        LogBeeindigd(logger, stand.AbonnementId);
        _timer?.Dispose();
        _timer = null;
        return stand with { Falend = false, LaatsteFout = "HTTP 410: de ontvanger heeft het abonnement beëindigd", VolgendePoging = null, BeeindigdOp = clock.GetUtcNow() };
    }

    [LoggerMessage(LogLevel.Warning, "Abonnement {AbonnementId} is falend na {Fouten} mislukte afleveringen op rij (laatste: {Fout})")]
    private static partial void LogFalend(ILogger logger, string abonnementId, int fouten, string fout);

    [LoggerMessage(LogLevel.Information, "Abonnement {AbonnementId} levert weer af na {Fouten} mislukte afleveringen")]
    private static partial void LogHersteld(ILogger logger, string abonnementId, int fouten);

    [LoggerMessage(LogLevel.Information, "Abonnement {AbonnementId} is beëindigd: de ontvanger antwoordde 410 Gone")]
    private static partial void LogBeeindigd(ILogger logger, string abonnementId);

    [LoggerMessage(LogLevel.Warning, "Abonnement {AbonnementId} levert niets af: er is geen publieke basis-URL voor absolute links (stel Abonnementen:PubliekeBasisUrl in)")]
    private static partial void LogGeenBasisUrl(ILogger logger, string abonnementId);

    /// <summary>
    /// A notification in the shape of the VNG Notificaties API: informatiearm, absolute links to what changed (which a
    /// back office may call back) and the kenmerken of <see cref="GebeurtenisTypen"/>.
    /// </summary>
    private static string Notificatie(Publicatie publicatie, WebhookMelding melding, string basis) => JsonSerializer.Serialize(new
    {
        kanaal = "trajecten",
        hoofdObject = basis + melding.HoofdObjectPad,
        resource = melding.Resource,
        resourceUrl = basis + melding.ResourcePad,
        actie = melding.Actie,
        aanmaakdatum = publicatie.Tijd,
        kenmerken = melding.Kenmerken,
    }, Json);
}

[GenerateSerializer, Alias("trajecten.abonnementen-register-state.v1")]
public sealed class AbonnementenRegisterState
{
    [Id(0)] public List<string> AbonnementIds { get; set; } = [];
}

/// <summary>The subscriptions of one owner, so a back-office system can list and manage its own.</summary>
public sealed class AbonnementenRegisterGrain(
    [PersistentState("abonnementen", OpslagNamen.Trajecten)] IPersistentState<AbonnementenRegisterState> state,
    IOptions<GrenzenOpties> grenzen) : Grain, IAbonnementenRegisterGrain
{
    public async Task<bool> ReserveerAsync(string abonnementId)
    {
        if (state.State.AbonnementIds.Contains(abonnementId))
        {
            return true;
        }

        if (state.State.AbonnementIds.Count >= grenzen.Value.AbonnementenPerEigenaar)
        {
            return false;
        }

        state.State.AbonnementIds.Add(abonnementId);
        await state.WriteStateAsync();
        return true;
    }

    public async Task VerwijderAsync(string abonnementId)
    {
        if (state.State.AbonnementIds.Remove(abonnementId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> LijstAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.AbonnementIds.ToArray());
}
