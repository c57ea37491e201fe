using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Domain;

namespace Trajecten.Api;

/// <summary>The problem+json answers the API gives, with Dutch titles. Every one has status, title and detail.</summary>
public static class Problemen
{
    public const string InvalidParams = "invalidParams";

    public static ProblemHttpResult NietGevonden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Ongeldig(IReadOnlyList<Probleem> problemen) =>
        Probleem(StatusCodes.Status400BadRequest, "Ongeldige invoer", Invoer.OngeldigeInvoerException.Beschrijf(problemen), problemen);

    public static ProblemHttpResult Probleem(int status, string titel, string detail, IReadOnlyList<Probleem>? problemen = null) =>
        TypedResults.Problem(detail, statusCode: status, title: titel,
            extensions: problemen is { Count: > 0 } ? new Dictionary<string, object?> { [InvalidParams] = Parameters(problemen) } : null);

    /// <summary>invalidParams in the shape the Haal Centraal APIs use: name, code, reason.</summary>
    private static object[] Parameters(IReadOnlyList<Probleem> problemen) =>
        problemen.Select(p => (object)new { name = p.Veld, code = p.Code, reason = p.Reden }).ToArray();
}
