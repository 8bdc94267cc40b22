using Jiyul.Hub.Profile;

namespace Jiyul.Hub.Tests.Profile;

public sealed class ProfileInputTests
{
    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("EN", "en")]
    [InlineData("ko-kr", "ko-KR")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    [InlineData("de-CH-1996", "de-CH-1996")]
    public void TryNormalize_LanguageTag_IsAcceptedInBcp47Case(string tag, string expected)
    {
        var ok = ProfileInput.TryNormalize(new ProfileRequest(null, tag, null), out var profile, out _);

        Assert.True(ok);
        Assert.Equal(expected, profile.Language);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("kore")]
    [InlineData("ko-")]
    [InlineData("ko--KR")]
    [InlineData("ko-K")]
    [InlineData("한국어")]
    [InlineData("ko-KR-x-private-use-tag-that-is-far-too-long")]
    public void TryNormalize_NotALanguageTag_IsRefused(string tag)
    {
        var ok = ProfileInput.TryNormalize(new ProfileRequest("A", tag, null), out _, out var problem);

        Assert.False(ok);
        Assert.Equal("language-invalid", problem.Reason);
    }

    [Fact]
    public void TryNormalize_EmptyFields_AreStoredAsNotGivenAndEmojiJoinersKept()
    {
        var ok = ProfileInput.TryNormalize(new ProfileRequest("  ", "ko", " \n "), out var blank, out _);
        var family = ProfileInput.TryNormalize(new ProfileRequest("지율 👩‍👩‍👧", "ko", null), out var joined, out _);

        Assert.True(ok && family);
        Assert.Null(blank.DisplayName);
        Assert.Null(blank.About);
        Assert.Equal("지율 👩‍👩‍👧", joined.DisplayName);
    }
}
