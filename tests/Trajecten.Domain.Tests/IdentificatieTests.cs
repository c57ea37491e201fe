using Trajecten.Domain.Identificatie;

namespace Trajecten.Domain.Tests;

public class IdentificatieTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData(" 123456782 ")]
    [InlineData("010000021")] // starts with zero
    public void Bsn_accepts_numbers_that_pass_the_elfproef(string invoer)
    {
        Assert.True(Bsn.TryParse(invoer, out var bsn, out var fout), fout);
        Assert.Equal(invoer.Trim(), bsn.Waarde);
    }

    [Fact]
    public void Bsn_of_8_digits_gets_a_leading_zero()
    {
        Assert.True(Bsn.TryParse("10000021", out var bsn, out _));
        Assert.Equal("010000021", bsn.Waarde);
    }

    [Theory]
    [InlineData("123456789", "elfproef")]
    [InlineData("000000000", "elfproef")] // weighted sum 0
    [InlineData("12345678a", "9 cijfers")]
    [InlineData("1234567", "9 cijfers")]
    [InlineData("1234567890", "9 cijfers")]
    [InlineData("", "9 cijfers")]
    [InlineData(null, "9 cijfers")]
    [InlineData("１２３４５６７８２", "9 cijfers")] // full-width digits are not ASCII digits
    public void Bsn_refuses_with_a_reason(string? invoer, string reden)
    {
        Assert.False(Bsn.TryParse(invoer, out _, out var fout));
        Assert.Contains(reden, fout);
    }

    [Fact]
    public void Bsn_never_shows_itself_in_text()
    {
        Assert.True(Bsn.TryParse("111222333", out var bsn, out _));
        Assert.DoesNotContain("111222333", bsn.ToString());
        Assert.DoesNotContain("111222333", $"{bsn}");
    }

    [Theory]
    [InlineData("12345678", true)]
    [InlineData("00000001", true)]
    [InlineData("1234567", false)]
    [InlineData("123456789", false)]
    [InlineData("1234567a", false)]
    [InlineData(null, false)]
    public void KvkNummer_is_exactly_8_digits(string? invoer, bool geldig) => Assert.Equal(geldig, KvkNummer.IsGeldig(invoer));

    [Fact]
    public void New_ids_have_their_prefix_and_are_never_hexadecimal()
    {
        for (var i = 0; i < 200; i++)
        {
            var id = Ids.Nieuw(Ids.TrajectPrefix);
            Assert.True(Ids.IsGeldig(id, Ids.TrajectPrefix), id);
            Assert.False(Ids.IsGeldig(id, Ids.ClientPrefix));
            Assert.False(long.TryParse(id, System.Globalization.NumberStyles.HexNumber, null, out _));
        }
    }

    [Theory]
    [InlineData("tr-")]
    [InlineData("tr-AAAAAAAAAAAAAAAAAAAAAAAAAA")] // uppercase
    [InlineData("tr-aaaaaaaaaaaaaaaaaaaaaaaaa1")] // 1 is not in the alphabet
    [InlineData("tr-aaaaaaaaaaaaaaaaaaaaaaaaa")]  // 25 characters
    [InlineData("tr+aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("")]
    public void Malformed_ids_are_recognised(string id) => Assert.False(Ids.IsGeldig(id, Ids.TrajectPrefix));

    [Fact]
    public void ClientId_is_stable_per_key_different_across_keys_and_does_not_contain_the_bsn()
    {
        Assert.True(Bsn.TryParse("111222333", out var bsn, out _));
        var a = new ClientPseudoniem(Enumerable.Repeat((byte)1, 32).ToArray());
        var b = new ClientPseudoniem(Enumerable.Repeat((byte)2, 32).ToArray());

        Assert.Equal(a.ClientId(bsn), a.ClientId(bsn));
        Assert.NotEqual(a.ClientId(bsn), b.ClientId(bsn));
        Assert.True(Ids.IsGeldig(a.ClientId(bsn), Ids.ClientPrefix));
        Assert.DoesNotContain("111222333", a.ClientId(bsn));
    }

    [Fact]
    public void ClientPseudoniem_refuses_a_short_key() =>
        Assert.Throws<ArgumentException>(() => new ClientPseudoniem(new byte[31]));
}
