using System.Net;
using System.Text.RegularExpressions;

namespace Trajecten.TestHulp;

/// <summary>The beheerder's development sign-in page as a browser reads it: the form's antiforgery field.</summary>
public static partial class BeheerFormulier
{
    /// <summary>The name and value of the antiforgery field of the sign-in page at <paramref name="pagina"/>.</summary>
    public static async Task<(string Veld, string Waarde)> LeesAsync(HttpClient browser, Uri pagina)
    {
        var html = await browser.GetStringAsync(pagina);
        var veld = Antivervalsing().Match(html);
        return veld.Success
            ? (veld.Groups[1].Value, WebUtility.HtmlDecode(veld.Groups[2].Value))
            : throw new InvalidOperationException("De aanmeldpagina heeft geen antivervalsingsveld: " + html);
    }

    [GeneratedRegex("""<input type="hidden" name="(af)" value="([^"]+)">""")]
    private static partial Regex Antivervalsing();
}
