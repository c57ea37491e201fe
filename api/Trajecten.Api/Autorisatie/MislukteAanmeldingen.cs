using System.Threading.RateLimiting;

namespace Trajecten.Api.Autorisatie;

/// <summary>
/// A limit per client IP address on requests whose bearer token fails validation (forged, expired, without sub…). The
/// ordinary rate limit is per subject, which a request without a valid token does not have.
/// </summary>
public static class MislukteAanmeldingen
{
    public static IApplicationBuilder UseMislukteAanmeldingenLimiet(this IApplicationBuilder app)
    {
        var perMinuut = app.ApplicationServices.GetRequiredService<AuthenticatieOpties>().MislukteAanmeldingenPerMinuut;
        var limiet = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "onbekend",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinuut, Window = TimeSpan.FromMinutes(1) }));
        return app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true && context.Request.Headers.Authorization.Count > 0)
            {
                using var lease = limiet.AttemptAcquire(context);
                if (!lease.IsAcquired)
                {
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = "60";
                    return; // status code pages writes the problem
                }
            }

            await next(context);
        });
    }
}
