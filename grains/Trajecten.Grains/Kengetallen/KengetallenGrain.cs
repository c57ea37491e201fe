using Microsoft.Extensions.DependencyInjection;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Kengetallen;

/// <summary>Section <c>Kengetallen</c>.</summary>
public sealed class KengetallenOpties
{
    public const string Sectie = "Kengetallen";

    /// <summary>How old the figures may be before a scrape has them computed again from the read model.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Verversing { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Computes the management figures from the read model (<see cref="KengetallenBerekening"/>) and keeps them for
/// <see cref="KengetallenOpties.Verversing"/>; names the silo it lives on, so that only that silo reports them.
/// </summary>
public sealed class KengetallenGrain(
    IKengetallen kengetallen, ILocalSiloDetails silo, [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock, IOptions<KengetallenOpties> opties, IOptions<TermijnOpties> termijnen)
    : Grain, IKengetallenGrain
{
    private KengetallenMomentopname? _laatste;

    public async Task<KengetallenMomentopname> MomentopnameAsync()
    {
        var nu = clock.GetUtcNow();
        if (_laatste is null || nu - _laatste.BerekendOp >= opties.Value.Verversing)
        {
            var klok = Stopwatch.StartNew();
            var bron = await kengetallen.LeesAsync();
            var metrieken = KengetallenBerekening.Bereken(bron, nu, termijnen.Value.Controles());
            _laatste = new KengetallenMomentopname(silo.SiloAddress.ToParsableString(), nu, metrieken, klok.Elapsed.TotalSeconds);
        }

        return _laatste;
    }
}
