using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

/// <summary>
/// Grain state is written with Orleans' serializer and read back for years: a fact as a traject's snapshot holds it, in
/// the encoding of an earlier version (Gouden/traject-feit.orleans.b64), must read back unchanged. Run once with
/// TRAJECTEN_GOUDEN_SCHRIJF=1 to pin a new encoding — only when no stored state has the old one.
/// </summary>
public class GraanstaatTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(Mijlpaal).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly TrajectFeit Plan = new()
    {
        Volgnummer = 3,
        Mijlpaal = new Mijlpaal
        {
            MijlpaalId = "mp-aaaaaaaaaaaaaaaaaaaaaaaaaa", Volgnummer = 3, Soort = MijlpaalSoort.Plan, Datum = new DateOnly(2026, 11, 1),
            Details = new MijlpaalDetails { Instrumenten = [Instrument.BeschutWerk, Instrument.Jobcoaching] },
            GeregistreerdOp = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), IdempotencyKey = "k3",
        },
    };

    private static string Gouden(string bestand, [CallerFilePath] string bron = "") =>
        Path.Combine(Environment.GetEnvironmentVariable("TRAJECTEN_GOUDEN_SCHRIJF") == "1" ? Path.GetDirectoryName(bron)! : AppContext.BaseDirectory, "Gouden", bestand);

    [Fact]
    public void A_milestone_in_a_snapshot_written_by_an_earlier_version_reads_back_unchanged()
    {
        var pad = Gouden("traject-feit.orleans.b64");
        if (Environment.GetEnvironmentVariable("TRAJECTEN_GOUDEN_SCHRIJF") == "1" && !File.Exists(pad))
        {
            File.WriteAllText(pad, Convert.ToBase64String(Serializer.SerializeToArray(Plan)) + "\n");
        }

        var gelezen = Serializer.Deserialize<TrajectFeit>(Convert.FromBase64String(File.ReadAllText(pad).Trim()));
        var mijlpaal = gelezen!.Mijlpaal!;
        Assert.Equal((Plan.Volgnummer, Plan.Mijlpaal!.MijlpaalId, MijlpaalSoort.Plan, Plan.Mijlpaal.Datum, Plan.Mijlpaal.GeregistreerdOp),
            (gelezen.Volgnummer, mijlpaal.MijlpaalId, mijlpaal.Soort, mijlpaal.Datum, mijlpaal.GeregistreerdOp));
        Assert.Equal([Instrument.BeschutWerk, Instrument.Jobcoaching], mijlpaal.Details.Instrumenten!);
        Assert.Equal(Plan.Mijlpaal.Details.Vingerafdruk(), mijlpaal.Details.Vingerafdruk());
    }

    [Fact]
    public void Recorded_details_are_immutable_whatever_the_caller_does_with_its_array_afterwards()
    {
        var lijst = new[] { Instrument.Scholing, Instrument.Werkstage };
        var details = new MijlpaalDetails { Instrumenten = lijst };
        lijst[0] = Instrument.Loonkostensubsidie;
        Assert.Equal([Instrument.Scholing, Instrument.Werkstage], details.Instrumenten!);
        Assert.IsNotType<Instrument[]>(details.Instrumenten); // nothing to cast back and change
        Assert.Throws<NotSupportedException>(() => ((IList<Instrument>)details.Instrumenten!)[0] = Instrument.Jobcoaching);

        // Orleans does not copy [Immutable] values between grains: the one in the message is the one in the state.
        var kopie = Serializer.Deserialize<MijlpaalDetails>(Serializer.SerializeToArray(details));
        Assert.Equal(details.Vingerafdruk(), kopie!.Vingerafdruk());
    }
}
