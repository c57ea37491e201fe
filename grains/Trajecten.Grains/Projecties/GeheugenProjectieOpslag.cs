namespace Trajecten.Grains.Projecties;

/// <summary>The checkpoints and parked facts of the in-memory mode (gone with the process, like its log).</summary>
public sealed class GeheugenProjectieOpslag : IProjectieOpslag
{
    private readonly Lock _slot = new();
    private readonly Dictionary<(string, int), ProjectieStand> _standen = [];
    private readonly List<GeparkeerdFeit> _geparkeerd = [];

    public Task<IReadOnlyList<ProjectieStand>> LeesAsync(int partitie, IReadOnlyList<string> projecties)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<ProjectieStand>>(projecties
                .Select(p => _standen.GetValueOrDefault((p, partitie)) ?? new ProjectieStand(p, partitie, 0, 0)).ToArray());
        }
    }

    public Task<IReadOnlySet<string>> SchrijfAsync(IReadOnlyList<ProjectieStand> standen)
    {
        var geweigerd = new HashSet<string>(StringComparer.Ordinal);
        lock (_slot)
        {
            foreach (var stand in standen)
            {
                var huidig = _standen.GetValueOrDefault((stand.Projectie, stand.Partitie));
                if ((huidig?.Generatie ?? 0) != stand.Generatie)
                {
                    geweigerd.Add(stand.Projectie);
                    continue;
                }

                _standen[(stand.Projectie, stand.Partitie)] = stand;
            }
        }

        return Task.FromResult<IReadOnlySet<string>>(geweigerd);
    }

    public Task ParkeerAsync(IReadOnlyList<GeparkeerdFeit> feiten)
    {
        lock (_slot)
        {
            _geparkeerd.AddRange(feiten.Where(f => !_geparkeerd.Exists(g => g.Projectie == f.Projectie && g.Positie == f.Positie)));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GeparkeerdFeit>> GeparkeerdAsync(string? projectie = null, int? partitie = null)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<GeparkeerdFeit>>(_geparkeerd
                .Where(g => (projectie is null || g.Projectie == projectie) && (partitie is null || g.Partitie == partitie))
                .OrderBy(g => g.Positie).ToArray());
        }
    }

    public async Task HerbouwAsync(string projectie, Func<Task> leeg)
    {
        await leeg();
        lock (_slot)
        {
            for (var p = 0; p < Abstractions.Messages.Partities.Aantal; p++)
            {
                var generatie = _standen.GetValueOrDefault((projectie, p))?.Generatie ?? 0;
                _standen[(projectie, p)] = new ProjectieStand(projectie, p, 0, generatie + 1);
            }

            _geparkeerd.RemoveAll(g => g.Projectie == projectie);
        }
    }

    public Task<int> HerstelAsync(string projectie)
    {
        lock (_slot)
        {
            var geparkeerd = _geparkeerd.Where(g => g.Projectie == projectie).ToArray();
            foreach (var groep in geparkeerd.GroupBy(g => g.Partitie))
            {
                var stand = _standen.GetValueOrDefault((projectie, groep.Key)) ?? new ProjectieStand(projectie, groep.Key, 0, 0);
                _standen[(projectie, groep.Key)] = stand with
                {
                    Positie = Math.Min(stand.Positie, groep.Min(g => g.Positie) - 1),
                    Generatie = stand.Generatie + 1,
                };
            }

            _geparkeerd.RemoveAll(g => g.Projectie == projectie);
            return Task.FromResult(geparkeerd.Length);
        }
    }

    public Task<IReadOnlyList<ProjectieStand>> AllesAsync()
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<ProjectieStand>>(_standen.Values.OrderBy(s => s.Projectie).ThenBy(s => s.Partitie).ToArray());
        }
    }
}
