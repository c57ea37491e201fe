using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Trajecten.Abstractions;
using Trajecten.Api.Invoer;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Autorisatie;

/// <summary>
/// A role refusal (403) on a request that names a person is that person's access-log record too: someone tried to read or
/// change their data without the role for it. The route names them by clientId, or by trajectId (whose client the traject
/// grain knows); or, on an endpoint marked <see cref="PersoonInBody"/>, the body names them by BSN (recorded under the
/// pseudonymous clientId, also for a person who is not a client yet). Then the default handler answers as always.
/// </summary>
public sealed class WeigeringLog(IClusterClient cluster) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _standaard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && await BetrokkeneAsync(context) is { } betrokkene)
        {
            await context.LogAsync(HttpMethods.IsGet(context.Request.Method) ? Verwerkingen.Lezen : Verwerkingen.Schrijven,
                betrokkene.ObjectSoort, betrokkene.ObjectId, betrokkene.ClientId, Verwerkingen.Geweigerd);
        }
        else if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<PersoonInBody>() is { } inBody
            && await JsonInvoer.BsnAsync(context.Request) is { } bsn)
        {
            var clientId = context.RequestServices.GetRequiredService<ClientPseudoniem>().ClientId(bsn);
            await context.LogAsync(inBody.Actie, inBody.ObjectSoort, inBody.ObjectSoort == "client" ? clientId : null, clientId, Verwerkingen.Geweigerd);
        }

        await _standaard.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task<(string ObjectSoort, string ObjectId, string ClientId)?> BetrokkeneAsync(HttpContext context)
    {
        var waarden = context.Request.RouteValues;
        if (waarden.TryGetValue("clientId", out var c) && c is string clientId && Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return ("client", clientId, clientId);
        }

        if (waarden.TryGetValue("trajectId", out var t) && t is string trajectId && Ids.IsGeldig(trajectId, Ids.TrajectPrefix)
            && await cluster.GetGrain<ITrajectGrain>(trajectId).LeesAsync() is { } traject)
        {
            return ("traject", trajectId, traject.ClientId);
        }

        return null;
    }
}

/// <summary>
/// Endpoint metadata: the person a request is about is named by the <c>bsn</c> in its body, not in its route (the BSN
/// never appears in a URL). <paramref name="Actie"/> and <paramref name="ObjectSoort"/> are what the access log records
/// when the request is refused for lack of a role.
/// </summary>
public sealed record PersoonInBody(string Actie, string ObjectSoort);
