using Trajecten.Domain.Webhooks;

namespace Trajecten.Domain.Tests;

/// <summary>The Standard Webhooks signature: what a receiver checks.</summary>
public class WebhookHandtekeningTests
{
    private static readonly DateTimeOffset Nu = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_scheme_example_verifies()
    {
        // The worked example of the Standard Webhooks specification (secret, id, timestamp, body → signature).
        const string geheim = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string body = """{"test": 2432232314}""";
        var handtekening = WebhookHandtekening.Onderteken(geheim, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", handtekening);
    }

    [Fact]
    public void A_changed_body_id_or_secret_or_a_stale_timestamp_fails()
    {
        var geheim = WebhookHandtekening.NieuwGeheim();
        Assert.StartsWith("whsec_", geheim);
        var tijd = Nu.ToUnixTimeSeconds();
        var handtekening = WebhookHandtekening.Onderteken(geheim, "mp-1", tijd, "{\"a\":1}");
        var t = tijd.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(WebhookHandtekening.Verifieer(geheim, "mp-1", t, "{\"a\":1}", handtekening, Nu, WebhookHandtekening.Tolerantie));
        Assert.True(WebhookHandtekening.Verifieer(geheim, "mp-1", t, "{\"a\":1}", "v1,AAAA " + handtekening, Nu, WebhookHandtekening.Tolerantie));
        Assert.False(WebhookHandtekening.Verifieer(geheim, "mp-1", t, "{\"a\":2}", handtekening, Nu, WebhookHandtekening.Tolerantie));
        Assert.False(WebhookHandtekening.Verifieer(geheim, "mp-2", t, "{\"a\":1}", handtekening, Nu, WebhookHandtekening.Tolerantie));
        Assert.False(WebhookHandtekening.Verifieer(WebhookHandtekening.NieuwGeheim(), "mp-1", t, "{\"a\":1}", handtekening, Nu, WebhookHandtekening.Tolerantie));
        Assert.False(WebhookHandtekening.Verifieer(geheim, "mp-1", t, "{\"a\":1}", handtekening, Nu.AddMinutes(6), WebhookHandtekening.Tolerantie));
        Assert.False(WebhookHandtekening.Verifieer(geheim, "mp-1", "nu", "{\"a\":1}", handtekening, Nu, WebhookHandtekening.Tolerantie));
        Assert.False(WebhookHandtekening.Verifieer(geheim, "mp-1", t, "{\"a\":1}", "v2," + handtekening[3..], Nu, WebhookHandtekening.Tolerantie));
    }
}

/// <summary>The public base URL of the absolute links in notifications.</summary>
public class PubliekeBasisUrlTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("https://trajecten.regio-alkmaar.nl", true)]
    [InlineData("https://regio-alkmaar.nl/trajecten/", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("/api/v1", false)]
    [InlineData("trajecten.regio-alkmaar.nl", false)]
    [InlineData("ftp://trajecten.regio-alkmaar.nl", false)]
    [InlineData("https://trajecten.regio-alkmaar.nl/?a=1", false)]
    [InlineData("https://gebruiker:geheim@trajecten.regio-alkmaar.nl", false)]
    public void Only_an_absolute_http_url_without_query_fragment_or_credentials_is_a_base(string? url, bool goed) =>
        Assert.Equal(goed, Trajecten.Abstractions.AbonnementOpties.BasisUrlFout(url) is null);
}
