using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trajecten.Api.Endpoints;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api;

public static class TrajectenApiExtensions
{
    /// <summary>The API's services and options. <paramref name="pseudoniem"/> is built by the host from its configuration.</summary>
    public static IServiceCollection AddTrajectenHttpApi(this IServiceCollection services, IConfiguration configuration, ClientPseudoniem pseudoniem)
    {
        services.AddOptions<ApiOpties>().Bind(configuration.GetSection(ApiOpties.Sectie)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RegioOpties>().Bind(configuration.GetSection(RegioOpties.Sectie)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(pseudoniem);
        services.AddSingleton<Regio>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = VulAan);
        services.AddExceptionHandler<ProbleemAfhandeling>();
        return services;
    }

    /// <summary>
    /// The middleware every response passes: API-Version on everything, errors as problem+json,
    /// trailing slashes refused (ADR /core/no-trailing-slash).
    /// </summary>
    public static WebApplication UseTrajectenHttpApi(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[ApiVersie.Header] = ApiVersie.Volledig;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            var pad = context.Request.Path.Value;
            if (pad is { Length: > 1 } && pad.EndsWith('/'))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask; // status code pages writes the problem
            }

            return next(context);
        });
        return app;
    }

    public static IEndpointRouteBuilder MapTrajectenHttpApi(this IEndpointRouteBuilder app) =>
        app.MapDiscoveryApi()
            .MapClientenApi()
            .MapTrajectenApi()
            .MapWerkgeversApi()
            .MapSignalenApi();

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
            StatusCodes.Status415UnsupportedMediaType => "Stuur de body als JSON met Content-Type: application/json.",
            _ => problem.Title ?? "Het verzoek kon niet worden verwerkt.",
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
