using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

/// <summary>
/// A request body bound to its record, with every problem found so far: by the text checks, by the contract's schema, and
/// by the domain rules that <see cref="Verzoeken"/> adds. A field is reported once, by the first check that finds it.
/// </summary>
public sealed class Invoer<T>
{
    private readonly List<Probleem> _problemen;
    private readonly string[] _volgorde;

    public Invoer(T waarde, IEnumerable<Probleem> problemen, IReadOnlyList<string> volgorde)
    {
        Waarde = waarde;
        _problemen = [.. problemen];
        _volgorde = [.. volgorde];
    }

    /// <summary>The bound body; a field with a problem is absent from it.</summary>
    public T Waarde { get; }

    public IReadOnlyList<Probleem> Problemen => _problemen;

    /// <summary>Whether this field, or something inside it, already has a problem.</summary>
    public bool HeeftProbleem(string veld) => _problemen.Any(p => Verzoekschemas.Binnen(p.Veld, veld));

    /// <summary>Adds a domain rule's problem, unless its field was already reported.</summary>
    public void Meld(Probleem probleem)
    {
        if (!HeeftProbleem(probleem.Veld))
        {
            _problemen.Add(probleem);
        }
    }

    /// <summary>Throws a 400 listing every problem, in the order of the schema's fields.</summary>
    public void StopBijProblemen()
    {
        if (_problemen.Count > 0)
        {
            throw OngeldigeInvoerException.Van([.. _problemen.OrderBy(Plaats)]);
        }
    }

    private int Plaats(Probleem probleem)
    {
        var eerste = probleem.Veld.Split('.', '[')[0];
        var plaats = Array.IndexOf(_volgorde, eerste);
        return eerste == "body" ? -1 : plaats < 0 ? _volgorde.Length : plaats;
    }
}
