using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Trajecten.Abstractions;
using Trajecten.Api.Autorisatie;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trajecten.Api.Endpoints;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api;

public static class TrajectenApiExtensions
{
    /// <summary>
    /// The API's services and options. <paramref name="pseudoniem"/> and the development key are built and
    /// checked by the host from its configuration; <paramref name="ontwikkelsleutel"/> is null when an OIDC authority is used.
    /// </summary>
    public static IServiceCollection AddTrajectenHttpApi(this IServiceCollection services, IConfiguration configuration, ClientPseudoniem pseudoniem,
        AuthenticatieOpties authenticatie, byte[]? ontwikkelsleutel)
    {
        services.AddSingleton(authenticatie);
        services.TryAddSingleton<IVerwerkingenLog, GeheugenVerwerkingenLog>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = Claims.Subject,
                RoleClaimType = Claims.Rol,
                ValidAudience = authenticatie.Audience,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            o.Events = new JwtBearerEvents
            {
                // Every action is someone's: the access log, the subscriptions and the rate limit are per subject.
                OnTokenValidated = context =>
                {
                    var sub = context.Principal?.FindFirst(Claims.Subject)?.Value;
                    if (string.IsNullOrWhiteSpace(sub) || sub.Length > 256 || sub.Any(char.IsControl))
                    {
                        context.Fail("Het token heeft geen bruikbare sub-claim (1–256 tekens, zonder stuurtekens).");
                    }

                    return Task.CompletedTask;
                },
            };
            if (ontwikkelsleutel is null)
            {
                o.Authority = authenticatie.Authority;
                o.Audience = authenticatie.Audience;
                o.RequireHttpsMetadata = !authenticatie.Authority!.StartsWith("http://", StringComparison.OrdinalIgnoreCase); // loopback only: see AuthenticatieOpties
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = AuthenticatieOpties.OntwikkelUitgever;
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(ontwikkelsleutel);
            }
        });
        // A role refusal on a route that names a person is logged for that person.
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, WeigeringLog>();
        services.AddAuthorization(o =>
        {
            foreach (var (beleid, rollen) in Beleid.RollenPerBeleid)
            {
                o.AddPolicy(beleid, p => p.RequireAuthenticatedUser().RequireClaim(Claims.Rol, rollen));
            }

            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.User.FindFirst(Claims.Subject)?.Value ?? "ip:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = authenticatie.VerzoekenPerMinuut, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(authenticatie.CorsOrigins)
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-Match").WithMethods("GET", "POST", "PUT", "PATCH")
            .WithExposedHeaders(ApiVersie.Header, "Location", "ETag", "Link")));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(pseudoniem);
        services.AddSingleton<Regio>();
        services.AddSingleton<Stromen.LogStaart>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = VulAan);
        services.AddExceptionHandler<ProbleemAfhandeling>();
        return services;
    }

    /// <summary>
    /// The middleware every response passes: one request log line each, API-Version on everything, errors as problem+json,
    /// trailing slashes refused on the API (ADR /core/no-trailing-slash).
    /// </summary>
    public static WebApplication UseTrajectenHttpApi(this WebApplication app)
    {
        app.UseVerzoeklog();
        app.Use((context, next) =>
        {
            // Set as the headers go out, so that answers the exception handler writes (it clears the response) have them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[ApiVersie.Header] = ApiVersie.Volledig;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The API answers data, never pages: nothing may load. The dashboard is a page of its own; a document the
                // API renders (the inzage) sets its own, as narrow.
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/dashboard")
                        ? "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
                        : "default-src 'none'; frame-ancestors 'none'";
                }
                headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            var pad = context.Request.Path.Value;
            if (pad is { Length: > 1 } && pad.EndsWith('/') && context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask; // status code pages writes the problem
            }

            return next(context);
        });
        app.UseCors();
        app.UseAuthentication();
        app.UseMislukteAanmeldingenLimiet();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapTrajectenHttpApi(this IEndpointRouteBuilder app) =>
        app.MapDiscoveryApi()
            .MapClientenApi()
            .MapCaseloadApi()
            .MapKengetallenApi()
            .MapTrajectenApi()
            .MapWerkgeversApi()
            .MapSignalenApi()
            .MapVerwerkingenApi()
            .MapInzageApi()
            .MapBeperkingApi()
            .MapVernietigingApi()
            .MapBewaartermijnenApi()
            .MapGebeurtenissenApi()
            .MapAbonnementenApi();

    /// <summary>Every problem gets a detail and the request path as instance, and nothing else beyond the documented members.</summary>
    private static void VulAan(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Instance ??= request.Path;
        problem.Extensions.Remove("traceId");
        problem.Extensions.Remove("requestId");
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "Op dit pad is geen resource; zie /api/v1/openapi.json voor de paden van deze API.",
            StatusCodes.Status405MethodNotAllowed => $"De methode {request.Method} is hier niet toegestaan.",
            StatusCodes.Status415UnsupportedMediaType => "Stuur de body als JSON met Content-Type: application/json (of application/merge-patch+json).",
            StatusCodes.Status401Unauthorized => "Stuur een geldig bearer-token in de Authorization-header.",
            StatusCodes.Status403Forbidden => "Je rol geeft geen toegang tot deze handeling.",
            StatusCodes.Status429TooManyRequests => "Te veel verzoeken; probeer het over een minuut opnieuw.",
            _ => problem.Title ?? "Het verzoek kon niet worden verwerkt.",
        };
        problem.Title = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "Niet geauthenticeerd",
            StatusCodes.Status403Forbidden when problem.Title is null or "Forbidden" => "Geen toegang",
            StatusCodes.Status429TooManyRequests => "Te veel verzoeken",
            _ => problem.Title,
        };
        if (problem.Status == StatusCodes.Status404NotFound && problem.Title is null or "Not Found")
        {
            problem.Title = "Niet gevonden";
        }
        else if (problem.Status == StatusCodes.Status405MethodNotAllowed)
        {
            problem.Title = "Methode niet toegestaan";
        }
    }
}
