namespace Trajecten.Domain.Traject;

// Enum values are persisted as numbers in grain state: append new members, never reorder.
public enum TrajectSoort
{
    ReIntegratie,
    Participatie,
}

/// <summary>The phases of a traject, in their only allowed order; <see cref="Beeindigd"/> may follow any active phase.</summary>
public enum TrajectFase
{
    Aangemeld,
    Intake,
    Diagnose,
    Plan,
    Leerwerkbedrijf,
    Plaatsing,
    Uitstroom,
    Beeindigd,
}

public enum MijlpaalSoort
{
    Intake,
    Diagnose,
    Plan,
    Leerwerkbedrijf,
    Plaatsing,
    Uitstroom,
    Beeindigd,
}

/// <summary>Doelgroep by loonwaarde (seed 003).</summary>
public enum Doelgroep
{
    Volledig,
    Beperkt,
    Beschut,
    Zorg,
}

public enum UitstroomReden
{
    Werk,
    Opleiding,
    Overig,
}

public enum BeeindigingsReden
{
    Verhuisd,
    UitkeringBeeindigd,
    MedischeRedenen,
    GeenMedewerking,
    Overleden,
    Overig,
}

public enum Instrument
{
    Scholing,
    Werkstage,
    Proefplaatsing,
    Loonkostensubsidie,
    Loondispensatie,
    Jobcoaching,
    Werkplekaanpassing,
    Participatie,
    Vrijwilligerswerk,
    BeschutWerk,
}

/// <summary>The Dutch codes of the traject vocabulary, as the API and events spell them.</summary>
public static class TrajectCodes
{
    public static readonly CodeLijst<TrajectSoort> Soort = new(
        (TrajectSoort.ReIntegratie, "re-integratie"),
        (TrajectSoort.Participatie, "participatie"));

    public static readonly CodeLijst<TrajectFase> Fase = new(
        (TrajectFase.Aangemeld, "aangemeld"),
        (TrajectFase.Intake, "intake"),
        (TrajectFase.Diagnose, "diagnose"),
        (TrajectFase.Plan, "plan"),
        (TrajectFase.Leerwerkbedrijf, "leerwerkbedrijf"),
        (TrajectFase.Plaatsing, "plaatsing"),
        (TrajectFase.Uitstroom, "uitstroom"),
        (TrajectFase.Beeindigd, "beeindigd"));

    public static readonly CodeLijst<MijlpaalSoort> Mijlpaal = new(
        (MijlpaalSoort.Intake, "intake"),
        (MijlpaalSoort.Diagnose, "diagnose"),
        (MijlpaalSoort.Plan, "plan"),
        (MijlpaalSoort.Leerwerkbedrijf, "leerwerkbedrijf"),
        (MijlpaalSoort.Plaatsing, "plaatsing"),
        (MijlpaalSoort.Uitstroom, "uitstroom"),
        (MijlpaalSoort.Beeindigd, "beeindigd"));

    public static readonly CodeLijst<Doelgroep> Doelgroep = new(
        (Traject.Doelgroep.Volledig, "volledig"),
        (Traject.Doelgroep.Beperkt, "beperkt"),
        (Traject.Doelgroep.Beschut, "beschut"),
        (Traject.Doelgroep.Zorg, "zorg"));

    public static readonly CodeLijst<UitstroomReden> UitstroomReden = new(
        (Traject.UitstroomReden.Werk, "werk"),
        (Traject.UitstroomReden.Opleiding, "opleiding"),
        (Traject.UitstroomReden.Overig, "overig"));

    public static readonly CodeLijst<BeeindigingsReden> BeeindigingsReden = new(
        (Traject.BeeindigingsReden.Verhuisd, "verhuisd"),
        (Traject.BeeindigingsReden.UitkeringBeeindigd, "uitkering-beeindigd"),
        (Traject.BeeindigingsReden.MedischeRedenen, "medische-redenen"),
        (Traject.BeeindigingsReden.GeenMedewerking, "geen-medewerking"),
        (Traject.BeeindigingsReden.Overleden, "overleden"),
        (Traject.BeeindigingsReden.Overig, "overig"));

    public static readonly CodeLijst<Instrument> Instrument = new(
        (Traject.Instrument.Scholing, "scholing"),
        (Traject.Instrument.Werkstage, "werkstage"),
        (Traject.Instrument.Proefplaatsing, "proefplaatsing"),
        (Traject.Instrument.Loonkostensubsidie, "loonkostensubsidie"),
        (Traject.Instrument.Loondispensatie, "loondispensatie"),
        (Traject.Instrument.Jobcoaching, "jobcoaching"),
        (Traject.Instrument.Werkplekaanpassing, "werkplekaanpassing"),
        (Traject.Instrument.Participatie, "participatie"),
        (Traject.Instrument.Vrijwilligerswerk, "vrijwilligerswerk"),
        (Traject.Instrument.BeschutWerk, "beschut-werk"));

    public static readonly CodeLijst<CorrectieSoort> Correctie = new(
        (CorrectieSoort.Correctie, "correctie"),
        (CorrectieSoort.Intrekking, "intrekking"));
}
