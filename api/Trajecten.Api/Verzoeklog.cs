using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Trajecten.Api;

/// <summary>
/// One log line per request (category <c>Trajecten.Verzoeken</c>): method, route template, status and duration. The route
/// template, never the path: a path can hold a clientId. The line is written inside the request's trace, so a JSON log
/// line carries the trace id that the access log records for the same request.
/// </summary>
public static partial class Verzoeklog
{
    public const string Categorie = "Trajecten.Verzoeken";

    public static IApplicationBuilder UseVerzoeklog(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Categorie);
        return app.Use(async (context, next) =>
        {
            var begin = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (log.IsEnabled(LogLevel.Information))
                {
                    Schrijf(log, context.Request.Method, Route(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
            }
        });
    }

    /// <summary>The route template that answered (also when the exception handler wrote the answer), or its name; never the path.</summary>
    public static string Route(HttpContext context)
    {
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        return (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint?.DisplayName ?? "(geen route)";
    }

    [LoggerMessage(1, LogLevel.Information, "{Methode} {Route} {Status} {DuurMs:0.0} ms")]
    private static partial void Schrijf(ILogger logger, string methode, string route, int status, double duurMs);
}
