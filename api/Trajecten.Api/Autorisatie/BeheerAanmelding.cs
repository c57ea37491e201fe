using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.Options;

namespace Trajecten.Api.Autorisatie;

/// <summary>
/// How a beheerder opens the Orleans Dashboard in a browser. With an OIDC authority: the authorization code flow with
/// PKCE against <see cref="AuthenticatieOpties.BeheerClientId"/>. Without one (development): a sign-in page that takes a
/// development token (<c>token --rol beheerder</c>). Either way the browser then holds a cookie that only the dashboard
/// accepts, never the API, so the API keeps needing a bearer token and stays free of cross-site request forgery; a
/// program may still call the dashboard with a bearer token.
/// </summary>
public static class BeheerAanmelding
{
    /// <summary>The scheme the dashboard's policy authenticates with: the bearer token when one is sent, otherwise the cookie.</summary>
    public const string Schema = "beheer";
    public const string CookieSchema = "beheer-cookie";
    public const string OidcSchema = "beheer-oidc";
    public const string Pad = "/beheer/aanmelden";
    public const string AfmeldPad = "/beheer/afmelden";
    public const string TerugPad = "/beheer/signin-oidc";
    public const string Dashboard = "/dashboard";

    public static IServiceCollection AddBeheerAanmelding(this IServiceCollection services, AuthenticatieOpties opties)
    {
        services.AddAntiforgery(o => (o.Cookie.Name, o.FormFieldName) = ("trajecten-beheer-af", "af"));
        var authenticatie = services.AddAuthentication()
            .AddPolicyScheme(Schema, "Beheerder", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme : CookieSchema)
            .AddCookie(CookieSchema, o =>
            {
                o.Cookie.Name = "trajecten-beheer";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Lax, not Strict: the OIDC callback is a navigation that started at the provider.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.Path = "/";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.LoginPath = Pad;
                o.Events.OnRedirectToLogin = context =>
                {
                    // A page gets the sign-in page; a program gets 401, as from the API.
                    if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Redirect(Pad + "?terug=" + Uri.EscapeDataString(context.Request.PathBase + context.Request.Path));
                    }
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        if (!string.IsNullOrWhiteSpace(opties.Authority))
        {
            authenticatie.AddOpenIdConnect(OidcSchema, o =>
            {
                o.Authority = opties.Authority;
                o.RequireHttpsMetadata = !opties.Authority.StartsWith("http://", StringComparison.OrdinalIgnoreCase); // loopback only: see AuthenticatieOpties
                o.ClientId = opties.BeheerClientId;
                o.ClientSecret = string.IsNullOrWhiteSpace(opties.BeheerClientSecret) ? null : opties.BeheerClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = TerugPad;
                o.SignInScheme = CookieSchema;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.TokenValidationParameters.NameClaimType = Claims.Subject;
                o.TokenValidationParameters.RoleClaimType = Claims.Rol;
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(Beleid.Dashboard, p => p
            .AddAuthenticationSchemes(Schema).RequireAuthenticatedUser().RequireClaim(Claims.Rol, Rollen.Beheerder));
        return services;
    }

    public static IEndpointRouteBuilder MapBeheerAanmelding(this IEndpointRouteBuilder app, AuthenticatieOpties opties)
    {
        var oidc = !string.IsNullOrWhiteSpace(opties.Authority);
        app.MapGet(Pad, (HttpContext context, IAntiforgery antiforgery, string? terug) => oidc
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = Terug(terug) }, [OidcSchema])
                : Pagina(context, antiforgery, Terug(terug), null, StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost(AfmeldPad, async (HttpContext context) =>
            {
                await context.SignOutAsync(CookieSchema);
                return Results.Redirect(Pad);
            })
            .AllowAnonymous().ExcludeFromDescription();
        if (!oidc)
        {
            app.MapPost(Pad, MetOntwikkeltokenAsync).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The development path: a token minted by the <c>token</c> command, checked as the API checks it.</summary>
    private static async Task<IResult> MetOntwikkeltokenAsync(HttpContext context, IAntiforgery antiforgery, IOptionsMonitor<JwtBearerOptions> bearer)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Ongeldig verzoek",
                detail: "Meld je aan met het formulier op " + Pad + ".");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek",
                detail: "Het formulier is verlopen of komt niet van deze pagina; open " + Pad + " opnieuw.");
        }

        var formulier = await context.Request.ReadFormAsync();
        var terug = Terug(formulier["terug"]);
        var token = formulier["token"].ToString().Trim();
        var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var uitkomst = token.Length is 0 or > 16_384 ? null : await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (uitkomst is not { IsValid: true })
        {
            return Pagina(context, antiforgery, terug, "Dit token is ongeldig of verlopen.", StatusCodes.Status401Unauthorized);
        }

        var sub = uitkomst.ClaimsIdentity.FindFirst(Claims.Subject)?.Value;
        var rollen = uitkomst.ClaimsIdentity.FindAll(Claims.Rol).Select(c => c.Value).ToList();
        if (string.IsNullOrWhiteSpace(sub) || !rollen.Contains(Rollen.Beheerder))
        {
            return Pagina(context, antiforgery, terug, "Het dashboard is alleen voor de rol beheerder.", StatusCodes.Status403Forbidden);
        }

        var identiteit = new ClaimsIdentity(
            [new Claim(Claims.Subject, sub), .. rollen.Select(r => new Claim(Claims.Rol, r))], CookieSchema, Claims.Subject, Claims.Rol);
        // The cookie lives no longer than the token it came from, and at most a working day.
        var einde = DateTimeOffset.UtcNow.AddHours(8);
        var verloopt = uitkomst.SecurityToken.ValidTo;
        if (verloopt != DateTime.MinValue && new DateTimeOffset(DateTime.SpecifyKind(verloopt, DateTimeKind.Utc)) < einde)
        {
            einde = new DateTimeOffset(DateTime.SpecifyKind(verloopt, DateTimeKind.Utc));
        }

        await context.SignInAsync(CookieSchema, new ClaimsPrincipal(identiteit), new AuthenticationProperties { ExpiresUtc = einde });
        return Results.Redirect(terug);
    }

    /// <summary>Only a path of the dashboard itself: the sign-in never sends a browser elsewhere.</summary>
    private static string Terug(string? terug) =>
        terug is not null && (terug == Dashboard || terug.StartsWith(Dashboard + "/", StringComparison.Ordinal)) && !terug.Contains("//") && !terug.Contains('\\')
            ? terug : Dashboard + "/";

    private static IResult Pagina(HttpContext context, IAntiforgery antiforgery, string terug, string? melding, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = $"""
            <!doctype html>
            <html lang="nl">
            <head><meta charset="utf-8"><title>Trajecten — aanmelden als beheerder</title></head>
            <body>
            <h1>Aanmelden als beheerder</h1>
            <p>Zonder OIDC-provider (ontwikkeling) meld je je aan met een ontwikkeltoken met de rol beheerder:
            <code>dotnet run --project silo/Trajecten.Silo -- token --sub &lt;naam&gt; --rol beheerder</code>.</p>
            {(melding is null ? "" : $"<p role=\"alert\"><strong>{WebUtility.HtmlEncode(melding)}</strong></p>")}
            <form method="post" action="{Pad}">
            <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="terug" value="{WebUtility.HtmlEncode(terug)}">
            <p><label for="token">Token</label><br><textarea id="token" name="token" rows="6" cols="80" autocomplete="off" required></textarea></p>
            <p><button type="submit">Aanmelden</button></p>
            </form>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
