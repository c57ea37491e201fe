using Trajecten.Abstractions;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// Keeps the caseload: for each client with new facts, one row from its klantbeeld (which the klantbeeld projection has
/// just brought up to date); a client whose personal data was destroyed has no row (a rebuild does not bring it back).
/// </summary>
public sealed class CaseloadProjectie(ICaseload caseload) : IProjectie
{
    public const string ProjectieNaam = "caseload";
    public string Naam => ProjectieNaam;

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        var (klantbeeld, vernietigdOp) = await KlantbeeldBron.LeesAsync(clientId, feiten, grains);
        if (vernietigdOp is not null)
        {
            await caseload.VerwijderAsync(clientId);
            return;
        }

        if (klantbeeld is null)
        {
            return; // signals about someone who is not a client (yet): the registration's fact brings them in
        }

        await caseload.SchrijfAsync(CaseloadRij.Van(klantbeeld, feiten[^1].GeregistreerdOp, feiten[^1].Positie));
    }

    public Task LeegAsync() => caseload.LeegAsync();
}
