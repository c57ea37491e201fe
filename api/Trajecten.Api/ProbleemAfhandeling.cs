using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Trajecten.Api.Invoer;

namespace Trajecten.Api;

/// <summary>
/// Turns every exception that reaches the pipeline into a problem+json answer: bad input into a 4xx
/// with its reason, an unreachable cluster into 503, anything else into a 500 that reveals nothing.
/// </summary>
public sealed partial class ProbleemAfhandeling(IProblemDetailsService problemDetails, ILogger<ProbleemAfhandeling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // the caller went away; nobody to answer
        }

        var (status, titel, detail, problemen) = exception switch
        {
            OngeldigeInvoerException e => (e.Status, e.Titel, e.Message, e.Problemen),
            BadHttpRequestException e => (e.StatusCode, "Ongeldig verzoek", e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "De body is te groot." : "Het verzoek kon niet worden gelezen.", null),
            JsonException => (StatusCodes.Status400BadRequest, "Ongeldige invoer", "De body is geen geldige JSON.", null),
            Abstractions.Privacy.PersoonsgegevensVernietigdException e => (StatusCodes.Status410Gone, "Gegevens vernietigd",
                e.Message + " Wat over deze persoon bewaard bleef is pseudoniem; vernietiging is onomkeerbaar.", null),
            OrleansException or TimeoutException or System.Data.Common.DbException or Orleans.Storage.InconsistentStateException => (StatusCodes.Status503ServiceUnavailable, "Tijdelijk niet beschikbaar",
                "Trajecten kan dit verzoek nu niet verwerken; probeer het over enkele seconden opnieuw.", null),
            _ => (StatusCodes.Status500InternalServerError, "Interne fout",
                "Er ging iets mis bij het verwerken van dit verzoek; het is gelogd.", (IReadOnlyList<Domain.Probleem>?)null),
        };

        if (status >= 500)
        {
            LogFout(logger, exception, context.Request.Method, Verzoeklog.Route(context));
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var result = Problemen.Probleem(status, titel, detail, problemen);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = result.ProblemDetails,
            Exception = exception,
        });
    }

    // Only the method and the route template: a path can hold ids, and messages can hold input.
    [LoggerMessage(LogLevel.Error, "Onverwachte fout bij {Method} {Route}")]
    private static partial void LogFout(ILogger logger, Exception ex, string method, string route);
}
