using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Privacy;
using Trajecten.Domain.Privacy;

namespace Trajecten.Grains.Privacy;

/// <summary>Section <c>Bewaartermijnen</c>: the retention periods (see <see cref="Bewaartermijnen"/>) and whether a daily round runs by itself.</summary>
public sealed class BewaartermijnOpties : IValidatableObject
{
    public const string Sectie = "Bewaartermijnen";

    /// <summary>Who a destruction by the rules is recorded as asked and confirmed by, when the schedule runs it.</summary>
    public const string Uitvoerder = "bewaartermijnen";

    /// <summary>Years a client's file is kept after its last traject ended, unless the gemeente chose otherwise.</summary>
    [Range(1, 30)]
    public int DossierJaren { get; set; } = 5;

    /// <summary>The gemeenten that chose another period (years), by name.</summary>
    public Dictionary<string, int> DossierJarenPerGemeente { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Months a vroegsignalering signal is kept when no schuldhulp followed.</summary>
    [Range(1, 60)]
    public int VroegsignaleringMaanden { get; set; } = 12;

    /// <summary>Years an access-log record is kept (PostgreSQL refuses to delete any younger than one year).</summary>
    [Range(1, 30)]
    public int VerwerkingenJaren { get; set; } = 5;

    /// <summary>On: a round runs every day by itself. Off (the default): only when the privacy officer starts one.</summary>
    public bool Automatisch { get; set; }

    public Bewaartermijnen Regels() => new(DossierJaren, DossierJarenPerGemeente, VroegsignaleringMaanden, VerwerkingenJaren);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        DossierJarenPerGemeente.Where(g => g.Value is < 1 or > 30).Select(g => new ValidationResult(
            $"DossierJarenPerGemeente:{g.Key} is {g.Value}: een bewaartermijn ligt tussen 1 en 30 jaar.", [nameof(DossierJarenPerGemeente)]));
}

[GenerateSerializer, Alias("trajecten.bewaartermijn-state.v1")]
public sealed class BewaartermijnState
{
    /// <summary>The day of the last round that finished without a failure.</summary>
    [Id(0)] public DateOnly? VorigeRonde { get; set; }

    /// <summary>The periods that round used: after a change, the next round looks at every record again.</summary>
    [Id(1)] public string? Regelset { get; set; }
}

/// <summary>
/// The region's retention: finds, from the management read model (pseudonymous: ids, codes, dates), the files and signals
/// whose retention ended since the last complete round, asks each owning grain to destroy them — the client grain the
/// whole file, the signal register one signal — and removes access-log records past their period. A failure leaves the
/// round incomplete, so the next one looks again; every step is idempotent.
/// </summary>
public sealed partial class BewaartermijnGrain(
    [PersistentState("bewaartermijnen", OpslagNamen.Trajecten)] IPersistentState<BewaartermijnState> state,
    IKengetallen kengetallen,
    IServiceProvider services,
    IOptions<BewaartermijnOpties> opties,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock,
    ILogger<BewaartermijnGrain> logger) : Grain, IBewaartermijnGrain, IRemindable
{
    private const string Wekker = "bewaartermijnen";

    private string Regelset => JsonSerializer.Serialize(opties.Value.Regels().Regels());
    private DateOnly? Na => state.State.Regelset == Regelset ? state.State.VorigeRonde : null;
    private DateOnly Vandaag => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The access log is the host's (the API writes it); a silo without one has none to clean.</summary>
    private IVerwerkingenLog? Verwerkingen => services.GetService<IVerwerkingenLog>();

    public async Task<Bewaarlijst> LijstAsync()
    {
        var regels = opties.Value.Regels();
        var bron = await kengetallen.LeesAsync();
        var vernietigd = bron.Clienten.Where(c => c.VernietigdOp is not null).Select(c => c.ClientId).ToHashSet(StringComparer.Ordinal);
        var gemeente = bron.Clienten.ToDictionary(c => c.ClientId, c => c.Gemeente, StringComparer.Ordinal);
        var dossiers = bron.Trajecten.GroupBy(t => t.ClientId, StringComparer.Ordinal).Select(g => new DossierStand(
            g.Key, gemeente.GetValueOrDefault(g.Key) ?? g.First().Gemeente, g.Select(t => t.Actief ? null : t.AfgeslotenOp).ToArray(), vernietigd.Contains(g.Key)));
        var signalen = (await kengetallen.SignalenAsync(Bewaartermijnen.DomeinSchuldhulp))
            .Where(s => !vernietigd.Contains(s.ClientId))
            .Select(s => new SignaalStand(s.ClientId, s.Positie, s.Domein, s.Soort, s.Datum));
        var grens = regels.VerwerkingenGrens(clock.GetUtcNow());
        return new Bewaarlijst
        {
            Peildatum = Vandaag,
            VorigeRonde = Na,
            Regels = regels.Regels(),
            Verlopen = regels.Bepaal(dossiers, signalen, Vandaag, Na),
            VerwerkingenGrens = grens,
            VerwerkingenVerlopen = Verwerkingen is { } log ? await log.TelOuderDanAsync(grens, default) : 0,
        };
    }

    public async Task<Bewaarronde> VoerUitAsync(string door)
    {
        var lijst = await LijstAsync();
        var fouten = new List<string>();
        var dossiers = 0;
        var signalen = 0;
        foreach (var dossier in lijst.Verlopen.Where(v => v.Soort == Bewaarsoorten.Dossier))
        {
            try
            {
                await GrainFactory.GetGrain<IClientGrain>(dossier.ClientId)
                    .VernietigAsync(Vernietigingsgronden.BewaartermijnVerstreken, door, door);
                dossiers++;
            }
            catch (Exception ex)
            {
                fouten.Add($"{Bewaarsoorten.Dossier} {dossier.ClientId}: {ex.Message}");
            }
        }

        foreach (var persoon in lijst.Verlopen.Where(v => v.Soort == Bewaarsoorten.Vroegsignalering).Select(v => v.ClientId).Distinct(StringComparer.Ordinal))
        {
            try
            {
                signalen += (await GrainFactory.GetGrain<ISignaalRegisterGrain>(Stromen.Signalen(persoon)).VernietigVerlopenAsync(lijst.Peildatum)).Count;
            }
            catch (Exception ex)
            {
                fouten.Add($"{Bewaarsoorten.Vroegsignalering} {persoon}: {ex.Message}");
            }
        }

        long verwerkingen = 0;
        if (Verwerkingen is { } log)
        {
            try
            {
                verwerkingen = await log.VerwijderOuderDanAsync(lijst.VerwerkingenGrens, default);
            }
            catch (Exception ex)
            {
                fouten.Add($"{Bewaarsoorten.Verwerkingen}: {ex.Message}");
            }
        }

        if (fouten.Count == 0)
        {
            (state.State.VorigeRonde, state.State.Regelset) = (lijst.Peildatum, Regelset);
            await state.WriteStateAsync();
        }

        LogRonde(logger, lijst.Peildatum, dossiers, signalen, verwerkingen, fouten.Count);
        return new Bewaarronde { Peildatum = lijst.Peildatum, Dossiers = dossiers, Signalen = signalen, Verwerkingen = verwerkingen, Fouten = fouten };
    }

    public async Task PlanAsync()
    {
        if (opties.Value.Automatisch)
        {
            await this.RegisterOrUpdateReminder(Wekker, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        }
        else if (await this.GetReminder(Wekker) is { } wekker)
        {
            await this.UnregisterReminder(wekker);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!opties.Value.Automatisch)
        {
            await PlanAsync(); // switched off since the reminder was registered
            return;
        }

        await VoerUitAsync(BewaartermijnOpties.Uitvoerder);
    }

    [LoggerMessage(LogLevel.Information, "Bewaartermijnen {Peildatum}: {Dossiers} dossier(s) en {Signalen} signaal/signalen vernietigd, {Verwerkingen} regel(s) van het verwerkingenlog verwijderd; {Fouten} mislukt")]
    private static partial void LogRonde(ILogger logger, DateOnly peildatum, int dossiers, int signalen, long verwerkingen, int fouten);
}

/// <summary>At every silo start, tells the retention grain to (un)register its daily reminder as configured.</summary>
public sealed partial class BewaartermijnPlanner(IGrainFactory grains, ILogger<BewaartermijnPlanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var poging = 1; !stoppingToken.IsCancellationRequested; poging++)
        {
            try
            {
                await grains.GetGrain<IBewaartermijnGrain>(GrainSleutels.Bewaartermijnen).PlanAsync();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogNietGepland(logger, ex, poging);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, 5 * poging)), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Bewaartermijnen: het dagelijkse schema is nog niet vastgelegd (poging {Poging}); nieuwe poging")]
    private static partial void LogNietGepland(ILogger logger, Exception ex, int poging);
}
