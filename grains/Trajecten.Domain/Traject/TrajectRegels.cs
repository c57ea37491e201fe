namespace Trajecten.Domain.Traject;

/// <summary>
/// The traject state machine. A traject starts with the intake, moves only forward (steps may be
/// skipped), needs a diagnose directly before a plan, may be ended (beeindigd) from any active
/// phase, and takes nothing after uitstroom or beeindigd.
/// </summary>
public static class TrajectRegels
{
    public static TrajectFase FaseNa(MijlpaalSoort soort) => soort switch
    {
        MijlpaalSoort.Intake => TrajectFase.Intake,
        MijlpaalSoort.Diagnose => TrajectFase.Diagnose,
        MijlpaalSoort.Plan => TrajectFase.Plan,
        MijlpaalSoort.Leerwerkbedrijf => TrajectFase.Leerwerkbedrijf,
        MijlpaalSoort.Plaatsing => TrajectFase.Plaatsing,
        MijlpaalSoort.Uitstroom => TrajectFase.Uitstroom,
        MijlpaalSoort.Beeindigd => TrajectFase.Beeindigd,
        _ => throw new ArgumentOutOfRangeException(nameof(soort), soort, null),
    };

    public static bool IsAfgesloten(TrajectFase fase) => fase is TrajectFase.Uitstroom or TrajectFase.Beeindigd;

    /// <summary>Null when the milestone may follow the current phase; otherwise the reason it may not.</summary>
    public static string? Weigering(TrajectFase huidig, MijlpaalSoort nieuw)
    {
        var fase = TrajectCodes.Fase.Code(huidig);
        var soort = TrajectCodes.Mijlpaal.Code(nieuw);
        if (IsAfgesloten(huidig))
        {
            return $"Het traject is afgesloten (fase {fase}); er kunnen geen mijlpalen meer bij.";
        }

        if (nieuw == MijlpaalSoort.Beeindigd)
        {
            return null;
        }

        if (huidig == TrajectFase.Aangemeld && nieuw != MijlpaalSoort.Intake)
        {
            return $"Een traject begint met de intake; {soort} kan pas na de intake.";
        }

        if (nieuw == MijlpaalSoort.Plan && huidig != TrajectFase.Diagnose)
        {
            return $"Een plan volgt op de diagnose; het traject is in fase {fase}.";
        }

        if (FaseNa(nieuw) <= huidig)
        {
            return $"Een traject gaat alleen vooruit: na fase {fase} kan geen {soort} meer.";
        }

        return null;
    }

    /// <summary>Doelgroep by loonwaarde: above 80 % volledig, 20–80 % beperkt, below 20 % beschut.</summary>
    public static Doelgroep DoelgroepBijLoonwaarde(decimal loonwaarde) => loonwaarde switch
    {
        > 80m => Traject.Doelgroep.Volledig,
        >= 20m => Traject.Doelgroep.Beperkt,
        _ => Traject.Doelgroep.Beschut,
    };

    public static TrajectFase Fase(IReadOnlyList<Mijlpaal> mijlpalen) =>
        mijlpalen.Count == 0 ? TrajectFase.Aangemeld : FaseNa(mijlpalen[^1].Soort);

    /// <summary>The doelgroep of the most recent diagnose, if any.</summary>
    public static Doelgroep? HuidigeDoelgroep(IReadOnlyList<Mijlpaal> mijlpalen) =>
        mijlpalen.LastOrDefault(m => m.Soort == MijlpaalSoort.Diagnose)?.Details.Doelgroep;
}
