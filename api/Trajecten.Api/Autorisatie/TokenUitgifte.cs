using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Trajecten.Api.Autorisatie;

/// <summary>Development tokens (HS256 with the development key): for the README walk-through and the tests.</summary>
public static class TokenUitgifte
{
    public static string Maak(byte[] sleutel, string audience, string subject, IEnumerable<string> rollen, IEnumerable<string> gemeenten,
        string? domein, TimeSpan geldig, DateTimeOffset nu)
    {
        var claims = new List<Claim> { new(Claims.Subject, subject) };
        claims.AddRange(rollen.Select(r => new Claim(Claims.Rol, r)));
        claims.AddRange(gemeenten.Select(g => new Claim(Claims.Gemeente, g)));
        if (domein is not null)
        {
            claims.Add(new Claim(Claims.Domein, domein));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthenticatieOpties.OntwikkelUitgever,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = nu.UtcDateTime,
            NotBefore = nu.UtcDateTime,
            Expires = (nu + geldig).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(sleutel), SecurityAlgorithms.HmacSha256),
        });
    }
}
