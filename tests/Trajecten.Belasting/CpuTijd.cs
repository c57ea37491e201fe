using System.Globalization;

namespace Trajecten.Belasting;

/// <summary>
/// CPU seconds (user + system) per party, from /proc: the silo, PostgreSQL (all its processes), the baseline
/// and this load driver. On a machine with few cores this says who the bottleneck is: a scenario whose parties
/// together use every core is CPU-bound, and the split shows where the cycles go.
/// </summary>
public static class CpuTijd
{
    private static readonly double Tik = 100.0; // USER_HZ on Linux

    public static Dictionary<string, double> Lees(int siloPid, int basislijnPid)
    {
        var tijden = new Dictionary<string, double> { ["silo"] = 0, ["postgres"] = 0, ["basislijn"] = 0, ["lastgever"] = 0 };
        if (!OperatingSystem.IsLinux())
        {
            return tijden;
        }

        var eigen = Environment.ProcessId;
        foreach (var map in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(map), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(map, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var naamEinde = stat.LastIndexOf(')');
            var naam = stat[(stat.IndexOf('(') + 1)..naamEinde];
            var velden = stat[(naamEinde + 2)..].Split(' ');
            var seconden = (long.Parse(velden[11], CultureInfo.InvariantCulture) + long.Parse(velden[12], CultureInfo.InvariantCulture)) / Tik;
            var partij = pid == siloPid ? "silo" : pid == basislijnPid ? "basislijn" : pid == eigen ? "lastgever" : naam == "postgres" ? "postgres" : null;
            if (partij is not null)
            {
                tijden[partij] += seconden;
            }
        }

        return tijden;
    }

    /// <summary>The resident set of a process now (VmRSS) and at its peak (VmHWM), from /proc/{pid}/status.</summary>
    public static string Geheugen(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "onbekend";
        }

        var regels = File.ReadAllLines($"/proc/{pid}/status");
        string MiB(string veld) => regels.FirstOrDefault(r => r.StartsWith(veld + ":", StringComparison.Ordinal)) is { } r
            ? FormattableString.Invariant($"{long.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0:F0} MiB")
            : "?";
        return $"nu {MiB("VmRSS")}, piek {MiB("VmHWM")}";
    }

    public static string Verschil(Dictionary<string, double> voor, Dictionary<string, double> na, double wandklok) =>
        string.Join(", ", na.Where(p => p.Value - voor[p.Key] > 0.005)
            .Select(p => FormattableString.Invariant($"{p.Key} {(p.Value - voor[p.Key]) / wandklok * 100:F0}%")));
}
