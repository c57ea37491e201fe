using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Trajecten.Api;
using Trajecten.Api.Autorisatie;
using Trajecten.Silo.Telemetrie;

namespace Trajecten.Silo.Instellingen;

/// <summary>
/// Every configuration section the silo reads, in one table, and the one way they are checked: before anything starts,
/// each setting is converted to its type (a word where a number belongs is named, not a stack trace), a name the section
/// does not know is named (a typo is not silently ignored), and the section's rules — ranges on the properties,
/// relations in <see cref="IValidatableObject.Validate"/> — are applied. The same rules are registered as
/// <see cref="IValidateOptions{TOptions}"/> with <c>ValidateOnStart</c>, so options bound later obey them too.
/// </summary>
public static class Instellingstabel
{
    /// <summary>A section: its path, the type it binds to, and the names under it that belong to another entry.</summary>
    public sealed record Sectie(string Pad, Type Type, params string[] Onderdelen);

    public static readonly IReadOnlyList<Sectie> Secties =
    [
        new(SiloOpties.Sectie, typeof(SiloOpties), "Membership"),
        // Orleans' own membership timings (failure detection), bound for the PostgreSQL mode.
        new($"{SiloOpties.Sectie}:Membership", typeof(ClusterMembershipOptions)),
        new(ApiOpties.Sectie, typeof(ApiOpties)),
        new(RegioOpties.Sectie, typeof(RegioOpties)),
        new(PseudonimiseringOpties.Sectie, typeof(PseudonimiseringOpties)),
        new(Grains.Privacy.PersoonsgegevensOpties.Sectie, typeof(Grains.Privacy.PersoonsgegevensOpties), "Hoofdsleutels"),
        new(Grains.Privacy.BewaartermijnOpties.Sectie, typeof(Grains.Privacy.BewaartermijnOpties)),
        new(AuthenticatieOpties.Sectie, typeof(AuthenticatieOpties)),
        new(Domain.Traject.TermijnOpties.Sectie, typeof(Domain.Traject.TermijnOpties)),
        new(Grains.Kengetallen.KengetallenOpties.Sectie, typeof(Grains.Kengetallen.KengetallenOpties)),
        new(GrenzenOpties.Sectie, typeof(GrenzenOpties)),
        new(AbonnementOpties.Sectie, typeof(AbonnementOpties)),
        new(Grains.Projecties.ProjectieOpties.Sectie, typeof(Grains.Projecties.ProjectieOpties)),
        new(TelemetrieOpties.Sectie, typeof(TelemetrieOpties)),
    ];

    /// <summary>
    /// Checks every section of <paramref name="configuration"/>; throws a <see cref="ConfiguratieFout"/> whose message
    /// has one sentence per wrong setting, each naming it.
    /// </summary>
    public static void Controleer(IConfiguration configuration)
    {
        var fouten = new List<string>();
        foreach (var sectie in Secties)
        {
            var deel = configuration.GetSection(sectie.Pad);
            var typeFouten = InstellingRegels.Omzetfouten(deel, sectie).ToList();
            fouten.AddRange(typeFouten);
            if (typeFouten.Count == 0 && sectie.Type.GetConstructor(Type.EmptyTypes) is not null)
            {
                var opties = deel.Get(sectie.Type) ?? Activator.CreateInstance(sectie.Type)!;
                fouten.AddRange(InstellingRegels.Fouten(sectie.Pad, opties));
            }
        }

        fouten.AddRange(InstellingRegels.FrameworkFouten(configuration));
        if (fouten.Count > 0)
        {
            throw new ConfiguratieFout(string.Join(" ", fouten));
        }
    }

    /// <summary>Binds every section as options, with its rules checked at start (<c>ValidateOnStart</c>).</summary>
    public static void Registreer(IServiceCollection services)
    {
        var registreer = typeof(Instellingstabel).GetMethod(nameof(RegistreerSectie), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var sectie in Secties)
        {
            registreer.MakeGenericMethod(sectie.Type).Invoke(null, [services, sectie.Pad]);
        }
    }

    private static void RegistreerSectie<T>(IServiceCollection services, string pad) where T : class
    {
        services.AddOptions<T>().BindConfiguration(pad).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new InstellingValidator<T>(pad));
    }

    /// <summary>Reads a section that <see cref="Controleer"/> has passed, for the composition that needs it before the host exists.</summary>
    public static T Lees<T>(IConfiguration configuration) where T : class, new() =>
        configuration.GetSection(Secties.Single(s => s.Type == typeof(T)).Pad).Get<T>() ?? new T();

    private sealed class InstellingValidator<T>(string pad) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var fouten = InstellingRegels.Fouten(pad, options).ToList();
            return fouten.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(fouten);
        }
    }
}

/// <summary>The checks behind <see cref="Instellingstabel"/>, as sentences that name the setting.</summary>
public static class InstellingRegels
{
    /// <summary>Settings whose text is not a value of the property's type, and names the section does not know.</summary>
    public static IEnumerable<string> Omzetfouten(IConfigurationSection sectie, Instellingstabel.Sectie beschrijving)
    {
        var eigenschappen = Eigenschappen(beschrijving.Type);
        foreach (var kind in sectie.GetChildren())
        {
            if (beschrijving.Onderdelen.Contains(kind.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!eigenschappen.TryGetValue(kind.Key, out var eigenschap))
            {
                yield return $"{kind.Path} is geen instelling; {beschrijving.Pad} kent {string.Join(", ", eigenschappen.Keys.Order(StringComparer.Ordinal))}.";
                continue;
            }

            var type = eigenschap.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                // A table by name ("Bergen" → 7): a single value where the table belongs would be ignored by the binder.
                if (kind.Value is { Length: > 0 })
                {
                    yield return $"{kind.Path} is een tabel: zet {kind.Path}:<naam> (omgevingsvariabele {kind.Path.Replace(":", "__")}__<naam>).";
                    continue;
                }

                foreach (var waarde in kind.GetChildren())
                {
                    if (Omzetfout(waarde.Path, waarde.Value, type.GetGenericArguments()[1]) is { } fout)
                    {
                        yield return fout;
                    }
                }

                continue;
            }

            var elementType = type.IsArray ? type.GetElementType()! : null;
            IEnumerable<IConfigurationSection> waarden = elementType is null ? [kind] : kind.GetChildren();
            if (elementType is not null && kind.Value is { Length: > 0 })
            {
                // "A,B" where a list belongs: the binder would silently ignore it.
                yield return $"{kind.Path} is een lijst: zet {kind.Path}:0, {kind.Path}:1, … (omgevingsvariabele {kind.Path.Replace(":", "__")}__0).";
                continue;
            }

            foreach (var waarde in waarden)
            {
                if (Omzetfout(waarde.Path, waarde.Value, elementType ?? type) is { } fout)
                {
                    yield return fout;
                }
            }
        }
    }

    /// <summary>
    /// The framework's own settings that a silo cannot run with when wrong, and that ASP.NET Core would only reject with a
    /// stack trace once the host starts: the addresses to listen on (<c>Urls</c>) and the log levels.
    /// </summary>
    public static IEnumerable<string> FrameworkFouten(IConfiguration configuration)
    {
        foreach (var adres in (configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel reads + and * as "every address".
            var leesbaar = adres.Replace("://+", "://luister-overal", StringComparison.Ordinal).Replace("://*", "://luister-overal", StringComparison.Ordinal);
            if (!Uri.TryCreate(leesbaar, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                yield return $"Urls '{adres}' is geen adres om op te luisteren, zoals http://127.0.0.1:8080 of http://+:8080.";
            }
        }

        foreach (var niveau in configuration.GetSection("Logging").GetChildren()
            .SelectMany(d => d.Key.Equals("LogLevel", StringComparison.OrdinalIgnoreCase) ? [d] : d.GetChildren().Where(k => k.Key.Equals("LogLevel", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(d => d.GetChildren()))
        {
            if (niveau.Value is { } tekst && !Enum.TryParse<LogLevel>(tekst, ignoreCase: true, out _))
            {
                yield return $"{niveau.Path} '{tekst}' is geen logniveau; kies {string.Join(", ", Enum.GetNames<LogLevel>())}.";
            }
        }
    }

    /// <summary>The section's rules: the attributes on its properties, then its relations (<see cref="IValidatableObject"/>).</summary>
    public static IEnumerable<string> Fouten(string pad, object opties)
    {
        var fouten = new List<string>();
        foreach (var eigenschap in Eigenschappen(opties.GetType()).Values)
        {
            var waarde = eigenschap.GetValue(opties);
            foreach (var regel in eigenschap.GetCustomAttributes<ValidationAttribute>())
            {
                if (!regel.IsValid(waarde))
                {
                    fouten.Add(Zin($"{pad}:{eigenschap.Name}", regel, waarde));
                }
            }
        }

        if (fouten.Count == 0 && opties is IValidatableObject relaties)
        {
            fouten.AddRange(relaties.Validate(new ValidationContext(opties)).Select(r => r.ErrorMessage!));
        }

        return fouten;
    }

    private static Dictionary<string, PropertyInfo> Eigenschappen(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static string? Omzetfout(string pad, string? tekst, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (tekst is null || type == typeof(string))
        {
            return null;
        }

        if (tekst.Length == 0)
        {
            return $"{pad} is leeg; geef een waarde of laat de instelling weg.";
        }

        try
        {
            // The conversion the configuration binder itself uses.
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(tekst);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException
            || ex.InnerException is FormatException or OverflowException)
        {
            return $"{pad} '{tekst}' is {Soort(type)}.";
        }
    }

    private static string Soort(Type type) =>
        type == typeof(TimeSpan) ? "geen tijdsduur; schrijf [dagen.]uren:minuten:seconden, zoals 00:00:05 of 56.00:00:00"
        : type == typeof(bool) ? "niet true of false"
        : type == typeof(int) || type == typeof(long) || type == typeof(short) ? "geen geheel getal (of te groot)"
        : type == typeof(double) || type == typeof(decimal) || type == typeof(float) ? "geen getal; schrijf bijvoorbeeld 0.25"
        : type == typeof(Uri) ? "geen URL"
        : type.IsEnum ? $"niet een van {string.Join(", ", Enum.GetNames(type))}"
        : $"geen waarde van het type {type.Name}";

    private static string Zin(string pad, ValidationAttribute regel, object? waarde)
    {
        var nu = waarde switch
        {
            null => "niet gezet",
            string s => $"nu '{s}'",
            IFormattable f => "nu " + Formatteer(f),
            IEnumerable lijst => $"nu {lijst.Cast<object>().Count()} waarde(n)",
            _ => "nu " + waarde,
        };
        return regel switch
        {
            _ when regel.ErrorMessage is { Length: > 0 } eigen => $"{pad} {eigen} ({nu}).",
            RangeAttribute bereik => $"{pad} ligt tussen {Formatteer(bereik.Minimum)} en {Formatteer(bereik.Maximum)} ({nu}).",
            RequiredAttribute => $"{pad} is verplicht.",
            MinLengthAttribute minimum => $"{pad} heeft minstens {minimum.Length} waarde(n) nodig ({nu}).",
            _ => $"{pad} is ongeldig ({nu}).",
        };
    }

    private static string Formatteer(object grens) => grens switch
    {
        TimeSpan t when t.Ticks % TimeSpan.TicksPerSecond == 0 => t.ToString("c", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture).TrimEnd('0'), // 00:00:00.0100000 → 00:00:00.01
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => grens.ToString()!,
    };
}
