using System.Collections.Frozen;

namespace Trajecten.Domain;

/// <summary>
/// The one mapping between a domain enum and the Dutch code the API and events use for it,
/// so a code is spelled in exactly one place.
/// </summary>
public sealed class CodeLijst<T> where T : struct, Enum
{
    private readonly FrozenDictionary<T, string> _naarCode;
    private readonly FrozenDictionary<string, T> _vanCode;

    public CodeLijst(params (T Waarde, string Code)[] paren)
    {
        _naarCode = paren.ToFrozenDictionary(p => p.Waarde, p => p.Code);
        _vanCode = paren.ToFrozenDictionary(p => p.Code, p => p.Waarde, StringComparer.Ordinal);
        Codes = paren.Select(p => p.Code).ToArray();
        var ontbrekend = Enum.GetValues<T>().Where(w => !_naarCode.ContainsKey(w)).ToArray();
        if (ontbrekend.Length > 0)
        {
            throw new InvalidOperationException($"Geen code voor {typeof(T).Name}: {string.Join(", ", ontbrekend)}");
        }
    }

    public IReadOnlyList<string> Codes { get; }

    public string Code(T waarde) => _naarCode[waarde];

    public bool TryParse(string? code, out T waarde)
    {
        waarde = default;
        return code is not null && _vanCode.TryGetValue(code, out waarde);
    }

    /// <summary>"één van: a, b, c" — for error messages.</summary>
    public string Toegestaan => "één van: " + string.Join(", ", Codes);
}
