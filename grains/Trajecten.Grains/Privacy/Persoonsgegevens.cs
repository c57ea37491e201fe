using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Privacy;
using Trajecten.Domain.Privacy;

namespace Trajecten.Grains.Privacy;

/// <summary>Section <c>Persoonsgegevens</c>: the master keys that wrap the data keys.</summary>
public sealed class PersoonsgegevensOpties
{
    public const string Sectie = "Persoonsgegevens";

    /// <summary>Master keys by id, each 32 random bytes in base64. Keep every id that still wraps keys until <c>sleutels herverpak</c> moved them.</summary>
    public Dictionary<string, string> Hoofdsleutels { get; set; } = [];

    /// <summary>The id of the master key that wraps new data keys (and that <c>sleutels herverpak</c> moves every key to).</summary>
    public string? ActieveHoofdsleutel { get; set; }

    /// <summary>How long a silo keeps an unwrapped data key in memory; a destruction is announced to every silo at once, this bounds a missed announcement.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SleutelCache { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>The configured master keys: the active one wraps, every one unwraps.</summary>
public sealed class Hoofdsleutels
{
    public Hoofdsleutels(IReadOnlyDictionary<string, byte[]> sleutels, string actief)
    {
        if (!sleutels.ContainsKey(actief))
        {
            throw new ConfiguratieFout($"Persoonsgegevens:ActieveHoofdsleutel '{actief}' staat niet in Persoonsgegevens:Hoofdsleutels.");
        }

        (Sleutels, Actief) = (sleutels, actief);
    }

    public IReadOnlyDictionary<string, byte[]> Sleutels { get; }
    public string Actief { get; }

    /// <summary>The keys from configuration; without any, a fixed development key, which only the in-memory mode accepts.</summary>
    public static Hoofdsleutels Maak(PersoonsgegevensOpties opties, bool inMemory, out bool ontwikkelsleutel)
    {
        var gezet = opties.Hoofdsleutels.Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToArray();
        ontwikkelsleutel = gezet.Length == 0;
        if (ontwikkelsleutel)
        {
            if (!inMemory)
            {
                throw new ConfiguratieFout(
                    "Persoonsgegevens:Hoofdsleutels ontbreekt; zet er minstens één (bijv. Persoonsgegevens__Hoofdsleutels__1 = `openssl rand -base64 32`) en Persoonsgegevens:ActieveHoofdsleutel op zijn id.");
            }

            return new Hoofdsleutels(new Dictionary<string, byte[]> { ["ontwikkel"] = SHA256.HashData("trajecten-hoofdsleutel-niet-voor-productie"u8.ToArray()) },
                opties.ActieveHoofdsleutel ?? "ontwikkel");
        }

        var sleutels = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, tekst) in gezet)
        {
            byte[] sleutel;
            try
            {
                sleutel = Convert.FromBase64String(tekst);
            }
            catch (FormatException)
            {
                throw new ConfiguratieFout($"Persoonsgegevens:Hoofdsleutels:{id} is geen geldige base64.");
            }

            if (sleutel.Length != Versleuteling.SleutelLengte)
            {
                throw new ConfiguratieFout($"Persoonsgegevens:Hoofdsleutels:{id} is {sleutel.Length} bytes; een hoofdsleutel is precies {Versleuteling.SleutelLengte} bytes.");
            }

            sleutels[id] = sleutel;
        }

        var actief = opties.ActieveHoofdsleutel ?? (sleutels.Count == 1 ? sleutels.Keys.Single()
            : throw new ConfiguratieFout("Persoonsgegevens:ActieveHoofdsleutel ontbreekt: welke van de hoofdsleutels pakt nieuwe sleutels in?"));
        return new Hoofdsleutels(sleutels, actief);
    }
}

/// <summary>
/// The personal-data vault: seals values with their data key (AES-256-GCM), opens them, creates a data key the first time
/// one is needed and destroys keys. Destroying a key makes every copy sealed with it — log rows, grain state, backups —
/// unreadable at once. A sealed value names its key: <c>1 | length | sleutelId | nonce | tag | ciphertext</c>.
/// Unwrapped keys are cached per silo (<see cref="PersoonsgegevensOpties.SleutelCache"/>); a destruction is announced to
/// every silo (<see cref="Vergeet"/>) and a destroyed key is remembered as such.
/// </summary>
public sealed class Persoonsgegevens(ISleutelopslag opslag, Hoofdsleutels hoofdsleutels, PersoonsgegevensOpties opties, TimeProvider klok)
{
    private const byte Formaat = 1;
    private readonly ConcurrentDictionary<string, (byte[]? Sleutel, DateTimeOffset? VernietigdOp, long Tot)> _cache = new(StringComparer.Ordinal);

    public ISleutelopslag Opslag => opslag;

    /// <summary>Seals <paramref name="platte"/> with the key <paramref name="sleutelId"/> (created when it does not exist yet).</summary>
    public async ValueTask<byte[]> VerzegelAsync(string sleutelId, string clientId, ReadOnlyMemory<byte> platte, string context)
    {
        var sleutel = Gecachet(sleutelId) ?? await HaalOfMaakAsync(sleutelId, clientId);
        return Verzegel(sleutelId, sleutel, platte.Span, context);
    }

    /// <summary>The same, blocking on a key not in this silo's cache: for grain state, which Orleans serialises synchronously.</summary>
    public byte[] Verzegel(string sleutelId, string clientId, ReadOnlySpan<byte> platte, string context)
    {
        // On the thread pool: waiting here on the grain's own scheduler for a continuation queued to it would never end.
        var sleutel = Gecachet(sleutelId) ?? Task.Run(() => HaalOfMaakAsync(sleutelId, clientId).AsTask()).GetAwaiter().GetResult();
        return Verzegel(sleutelId, sleutel, platte, context);
    }

    /// <summary>The plain bytes, or null when the key was destroyed.</summary>
    public async ValueTask<byte[]?> OpenAsync(byte[] verzegeld, string context)
    {
        var sleutelId = SleutelVan(verzegeld, out var begin);
        if (!_cache.TryGetValue(sleutelId, out var c) || Verlopen(c.Tot))
        {
            await LaadAsync([sleutelId]);
        }

        return Open(sleutelId, verzegeld, begin, context);
    }

    /// <summary>The same, blocking on a key not in this silo's cache.</summary>
    public byte[]? Open(byte[] verzegeld, string context)
    {
        var sleutelId = SleutelVan(verzegeld, out var begin);
        if (!_cache.TryGetValue(sleutelId, out var c) || Verlopen(c.Tot))
        {
            Onthoud(opslag.Lees([sleutelId]), [sleutelId]);
        }

        return Open(sleutelId, verzegeld, begin, context);
    }

    /// <summary>When the key a sealed value names was destroyed (null: it was not).</summary>
    public DateTimeOffset? VernietigdOp(byte[] verzegeld) =>
        _cache.TryGetValue(SleutelVan(verzegeld, out _), out var c) ? c.VernietigdOp : null;

    /// <summary>Fetches the keys not in the cache in one read (a page of the log names many clients).</summary>
    public async Task LaadAsync(IReadOnlyCollection<string> sleutelIds, CancellationToken ct = default)
    {
        var ontbrekend = sleutelIds.Where(id => !_cache.TryGetValue(id, out var c) || Verlopen(c.Tot)).Distinct().ToArray();
        if (ontbrekend.Length > 0)
        {
            Onthoud(await opslag.LeesAsync(ontbrekend, ct), ontbrekend);
        }
    }

    public static string SleutelVan(byte[] verzegeld) => SleutelVan(verzegeld, out _);

    /// <summary>Destroys keys and keeps the non-personal record of it; this silo forgets them now, the others when told.</summary>
    public async Task<Vernietiging> VernietigAsync(Vernietiging vernietiging)
    {
        var vastgelegd = await opslag.VernietigAsync(vernietiging);
        Vergeet(vernietiging.ClientId);
        return vastgelegd;
    }

    /// <summary>Drops a client's keys from this silo's cache (on the announcement of a destruction).</summary>
    public void Vergeet(string clientId)
    {
        foreach (var id in _cache.Keys)
        {
            if (id == clientId || id.StartsWith(clientId + "/", StringComparison.Ordinal))
            {
                _cache.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Drops every cached key (when announcements may have been missed).</summary>
    public void VergeetAlles() => _cache.Clear();

    /// <summary>
    /// At start-up: every master key that still wraps keys must be configured, and each configured one must be the key it
    /// was (its stored check value opens). Otherwise start-up stops with one sentence, before anything is written.
    /// </summary>
    public async Task ControleerAsync(CancellationToken ct = default)
    {
        var inGebruik = await opslag.HoofdsleutelsInGebruikAsync(ct);
        foreach (var (id, aantal) in inGebruik)
        {
            if (!hoofdsleutels.Sleutels.ContainsKey(id))
            {
                throw new ConfiguratieFout(
                    $"Hoofdsleutel '{id}' ontbreekt in Persoonsgegevens:Hoofdsleutels, maar pakt {aantal} cliëntsleutel(s) in: zet hem terug (er is niets gewijzigd).");
            }
        }

        var controles = await opslag.ControlewaardenAsync(ct);
        foreach (var (id, sleutel) in hoofdsleutels.Sleutels)
        {
            if (controles.TryGetValue(id, out var controle))
            {
                if (!Versleuteling.KloptControlewaarde(sleutel, id, controle))
                {
                    throw new ConfiguratieFout(
                        $"Hoofdsleutel '{id}' in Persoonsgegevens:Hoofdsleutels is niet de sleutel die eerder onder die naam is gebruikt: zet de juiste terug (er is niets gewijzigd).");
                }
            }
            else
            {
                await opslag.BewaarControlewaardeAsync(id, Versleuteling.Controlewaarde(sleutel, id), ct);
            }
        }
    }

    /// <summary>Re-wraps every live key under the active master key, in batches; returns how many moved.</summary>
    public async Task<long> HerverpakAsync(CancellationToken ct = default)
    {
        long totaal = 0;
        while (true)
        {
            var batch = await opslag.NietOnderAsync(hoofdsleutels.Actief, 1000, ct);
            if (batch.Count == 0)
            {
                return totaal;
            }

            var nieuw = batch.Select(s => s with
            {
                Hoofdsleutel = hoofdsleutels.Actief,
                Ingepakt = Versleuteling.Pak(hoofdsleutels.Sleutels[hoofdsleutels.Actief], hoofdsleutels.Actief, s.SleutelId, PakUit(s)),
            }).ToArray();
            await opslag.HerverpakAsync(nieuw, ct);
            totaal += nieuw.Length;
        }
    }

    private static byte[] Verzegel(string sleutelId, byte[] sleutel, ReadOnlySpan<byte> platte, string context)
    {
        var id = Encoding.UTF8.GetBytes(sleutelId);
        if (id.Length > byte.MaxValue)
        {
            throw new ArgumentException("Sleutel-id te lang.", nameof(sleutelId));
        }

        var verzegeld = Versleuteling.Verzegel(sleutel, platte, Context(sleutelId, context));
        var uit = new byte[2 + id.Length + verzegeld.Length];
        uit[0] = Formaat;
        uit[1] = (byte)id.Length;
        id.CopyTo(uit, 2);
        verzegeld.CopyTo(uit, 2 + id.Length);
        return uit;
    }

    private byte[]? Open(string sleutelId, byte[] verzegeld, int begin, string context)
    {
        if (!_cache.TryGetValue(sleutelId, out var c) || c.Sleutel is null)
        {
            return null; // destroyed (or never existed: nothing to open either way)
        }

        return Versleuteling.Open(c.Sleutel, verzegeld.AsSpan(begin), Context(sleutelId, context));
    }

    private static string Context(string sleutelId, string context) => sleutelId + "|" + context;

    private static string SleutelVan(byte[] verzegeld, out int begin)
    {
        if (verzegeld.Length < 2 || verzegeld[0] != Formaat || verzegeld.Length < 2 + verzegeld[1])
        {
            throw new CryptographicException("Geen verzegelde waarde van Trajecten.");
        }

        begin = 2 + verzegeld[1];
        return Encoding.UTF8.GetString(verzegeld, 2, verzegeld[1]);
    }

    private byte[]? Gecachet(string sleutelId)
    {
        if (!_cache.TryGetValue(sleutelId, out var c) || Verlopen(c.Tot))
        {
            return null;
        }

        return c.Sleutel ?? throw new PersoonsgegevensVernietigdException(ClientVan(sleutelId), c.VernietigdOp);
    }

    private async ValueTask<byte[]> HaalOfMaakAsync(string sleutelId, string clientId)
    {
        var bestaand = await opslag.LeesAsync([sleutelId]);
        var opgeslagen = bestaand.Count > 0 ? bestaand[0] : await opslag.VoegToeAsync(Nieuw(sleutelId, clientId));
        Onthoud([opgeslagen], [sleutelId]);
        return Gecachet(sleutelId) ?? throw new InvalidOperationException($"Sleutel {sleutelId} niet te lezen.");
    }

    private OpgeslagenSleutel Nieuw(string sleutelId, string clientId)
    {
        var actief = hoofdsleutels.Actief;
        return new OpgeslagenSleutel(sleutelId, clientId, actief,
            Versleuteling.Pak(hoofdsleutels.Sleutels[actief], actief, sleutelId, Versleuteling.NieuweSleutel()), null);
    }

    private void Onthoud(IReadOnlyList<OpgeslagenSleutel> gelezen, IReadOnlyCollection<string> gevraagd)
    {
        var tot = klok.GetTimestamp() + (long)(opties.SleutelCache.TotalSeconds * klok.TimestampFrequency);
        foreach (var sleutel in gelezen)
        {
            _cache[sleutel.SleutelId] = sleutel.Ingepakt is null
                ? (null, sleutel.VernietigdOp, long.MaxValue) // destroyed is for ever
                : (PakUit(sleutel), null, tot);
        }

        foreach (var id in gevraagd.Except(gelezen.Select(s => s.SleutelId)))
        {
            _cache.TryRemove(id, out _); // none (yet): nothing to remember
        }
    }

    private byte[] PakUit(OpgeslagenSleutel sleutel) =>
        hoofdsleutels.Sleutels.TryGetValue(sleutel.Hoofdsleutel!, out var hoofd)
            ? Versleuteling.PakUit(hoofd, sleutel.Hoofdsleutel!, sleutel.SleutelId, sleutel.Ingepakt)
            : throw new ConfiguratieFout($"Hoofdsleutel '{sleutel.Hoofdsleutel}' ontbreekt in Persoonsgegevens:Hoofdsleutels.");

    private bool Verlopen(long tot) => klok.GetTimestamp() > tot;

    private static string ClientVan(string sleutelId) => sleutelId.Split('/')[0];
}
